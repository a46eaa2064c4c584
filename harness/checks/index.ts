/**
 * Every kind of check a scenario step can ask for. A new kind is one module plus one line here: the schema union,
 * the kind hint in error messages, the variable checks, the plan description, the runner and the summary words
 * all come from this list.
 */
import type { CheckDefinition, SpecOf } from "./check-definition.js";
import { containerExitCheck } from "./container-exit.js";
import { imageConfigCheck } from "./image-config.js";
import { imageLayersCheck } from "./image-layers.js";
import { imageSizeCheck } from "./image-size.js";
import { layersSharedCheck } from "./layers-shared.js";
import { logsContainCheck } from "./logs-contain.js";
import { mongoCountCheck } from "./mongo-count.js";
import { mongoInsertCheck } from "./mongo-insert.js";
import { mongoReadyCheck } from "./mongo-ready.js";
import { mongoRefusedCheck } from "./mongo-refused.js";
import { reachableCheck } from "./reachable.js";
import { resolvesCheck } from "./resolves.js";
import { valuesCompareCheck } from "./values-compare.js";

export const CHECKS = [
  resolvesCheck,
  reachableCheck,
  logsContainCheck,
  mongoReadyCheck,
  mongoInsertCheck,
  mongoCountCheck,
  mongoRefusedCheck,
  imageLayersCheck,
  layersSharedCheck,
  valuesCompareCheck,
  imageConfigCheck,
  containerExitCheck,
  imageSizeCheck,
] as const;

/** A validated check step, of whichever kind. */
export type CheckStep = SpecOf<(typeof CHECKS)[number]>;

/** Every `check:` value, in list order. */
export const CHECK_KINDS: readonly string[] = CHECKS.flatMap((definition) => definition.kinds);

/** The module that handles `kind`, or undefined for a kind no module handles. */
export function checkFor(kind: string): CheckDefinition<CheckStep> | undefined {
  return CHECKS.find((definition) => (definition.kinds as readonly string[]).includes(kind)) as CheckDefinition<CheckStep> | undefined;
}

export type { CheckContext, CheckOutcome } from "./check-context.js";
export { harnessAddress } from "./check-context.js";
export type { CheckDefinition, CheckSpecBase } from "./check-definition.js";
export { ContainerNotRunningError } from "./container-state.js";
export { eventually } from "./eventually.js";
export { SubstituteGapError } from "./substitute-gap.js";
export { expandStepTexts, expandVariableFields, variableFieldTexts } from "../commands/variables.js";
