import { executeCheck } from "./execute-check.js";
import { executeRun } from "./execute-run.js";
import type { RunnableStep } from "../scenario/runnable-step.js";
import type { StepOutcome, StepRunState } from "./step-state.js";

export type { StepOutcome, StepRunState } from "./step-state.js";

export function executeStep(step: RunnableStep, state: StepRunState): Promise<StepOutcome> {
  return step.kind === "run" ? executeRun(step, state) : executeCheck(step, state);
}
