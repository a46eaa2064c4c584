import { type CheckOutcome, checkFor, eventually, expandStepTexts } from "../checks/index.js";
import { expandText, lookupVariable } from "../commands/variables.js";
import type { CheckPlanStep } from "../scenario/plan.js";
import type { StepOutcome, StepRunState } from "./step-state.js";
import { composeLineOf } from "./compose-line.js";

/** One check step: its `${variables}` filled in, then one attempt, or attempts until `eventually` runs out. */
export async function executeCheck(step: CheckPlanStep, state: StepRunState): Promise<StepOutcome> {
  const definition = checkFor(step.spec.check);
  if (!definition) throw new TypeError(`no check module handles "${step.spec.check}" (harness/checks/index.ts)`);
  const expand = (text: string): string => expandText(text, state.variables);
  const spec = expandStepTexts(step.spec, definition.variableFields, (name) => lookupVariable(state.variables, name));
  const context = { ...state.context, attemptTimeoutMs: step.spec.timeoutMs };
  const once = (): Promise<CheckOutcome> => definition.run(spec, context);
  const outcome = step.spec.eventuallyMs === undefined ? await once() : await eventually(once, step.spec.eventuallyMs);
  if (outcome.passed) return { command: expand(step.description), ...outcome };
  // A name a compose file wrote (a misspelt service name): the failure points at that line, where the fix goes.
  const written = await composeLineOf(outcome.evidence, state.cwd, state.lessonFiles);
  if (!written) return { command: expand(step.description), ...outcome };
  return {
    command: expand(step.description),
    ...outcome,
    message: `${outcome.message}; ${written.text}`,
    evidence: { ...outcome.evidence, writtenAt: written.text },
    ...(written.lessonLine === null ? {} : { lessonLine: written.lessonLine }),
  };
}
