import { executeCheck } from "./execute-check.js";
import { executeRun } from "./execute-run.js";
import type { PlanStep } from "../scenario/plan.js";
import type { StepOutcome, StepRunState } from "./step-state.js";

export type { StepOutcome, StepRunState } from "./step-state.js";

export function executeStep(step: PlanStep, state: StepRunState): Promise<StepOutcome> {
  return step.kind === "run" ? executeRun(step, state) : executeCheck(step, state);
}
