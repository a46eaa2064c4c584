import { type CheckOutcome, checkFor, eventually, expandStepTexts } from "../checks/index.js";
import { expandText, lookupVariable } from "../commands/command-line.js";
import type { RunnableCheckStep } from "../scenario/runnable-step.js";
import type { StepOutcome, StepRunState } from "./step-state.js";

/** One check step: its `${variables}` filled in, then one attempt, or attempts until `eventually` runs out. */
export async function executeCheck(step: RunnableCheckStep, state: StepRunState): Promise<StepOutcome> {
  const definition = checkFor(step.spec.check);
  if (!definition) throw new TypeError(`no check module handles "${step.spec.check}" (harness/checks/index.ts)`);
  const expand = (text: string): string => expandText(text, state.variables);
  const spec = expandStepTexts(step.spec, definition.variableFields, (name) => lookupVariable(state.variables, name));
  const context = { ...state.context, attemptTimeoutMs: step.timeoutMs };
  const once = (): Promise<CheckOutcome> => definition.run(spec, context);
  const outcome = step.eventuallyMs === null ? await once() : await eventually(once, step.eventuallyMs);
  return { command: expand(step.description), ...outcome };
}
