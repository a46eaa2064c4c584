/**
 * A stand-in must not lie: when a check's verdict would rest on something dockproof's substitute for an image does not
 * do (one of its catalog `limitations`), the check stops with this error and the step is unverified, not passed or
 * failed, with the limitation as the reason.
 */
import { StepError } from "../support/errors.js";
import type { CheckContext } from "./check-context.js";

/** The catalog's own sentence for what the substitute of `ref` does not do, found by its opening words. */
export function substituteLimitation(context: Pick<CheckContext, "limitationsOf">, ref: string, opening: string): string {
  const sentence = context.limitationsOf(ref).find((limitation) => limitation.startsWith(opening));
  if (sentence === undefined)
    throw new TypeError(`the catalog entry for ${ref} declares no limitation starting "${opening}" (harness/images/catalog.ts)`);
  return sentence;
}

export class SubstituteGapError extends StepError {
  constructor(
    /** What the check would have shown, in words. */
    claim: string,
    readonly image: string,
    readonly limitation: string,
    readonly evidence: Record<string, unknown>,
  ) {
    super("E_SUBSTITUTE_GAP", `${claim} cannot be verified with dockproof's stand-in for ${image}: ${limitation}`);
  }
}
