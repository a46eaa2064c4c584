import type { ScenarioStatus } from "../model/report-types.js";
import { blameOfError, isDockproofError } from "../support/errors.js";

/**
 * dockproof's exit codes (README): the lesson is wrong only at 1; this machine (or dockproof itself) is 3; 4: no
 * lesson failure and no machine error, but a claim a step proves changed, for a maintainer to review.
 */
export const EXIT = { passed: 0, failed: 1, invalid: 2, error: 3, review: 4 } as const;

/**
 * A run's exit code from its verdicts: a failed scenario (or a regressed verdict) is 1, else an error 3, else a claim
 * to review 4, else 0 — passed, known issues, and what could not be checked here (unverified, skipped: a missing tool
 * or image says nothing of the lesson).
 */
export function runExitCode(scenarios: ReadonlyArray<{ status: ScenarioStatus }>, regressed = false): number {
  const has = (status: ScenarioStatus) => scenarios.some((scenario) => scenario.status === status);
  if (regressed || has("failed")) return EXIT.failed;
  if (has("error")) return EXIT.error;
  return has("review") ? EXIT.review : EXIT.passed;
}

/**
 * The exit code of an error that stopped dockproof before or outside any verdict (preparing the engine or images,
 * reading files): the user's input is 2; anything else is this machine or dockproof itself, 3. Never 1: no lesson was
 * judged.
 */
export function stopExitCode(error: unknown): number {
  return blameOfError(error) === "input" ? EXIT.invalid : EXIT.error;
}

/** The messages of an error and of the causes it wraps, outermost first, each once. */
function causes(error: unknown): string[] {
  const lines: string[] = [];
  for (let cause = (error as { cause?: unknown } | undefined)?.cause, depth = 0; cause !== undefined && depth < 5; depth += 1) {
    const text = (cause instanceof Error ? cause.message : String(cause)).trim();
    if (text && !lines.includes(text)) lines.push(text);
    cause = (cause as { cause?: unknown } | null)?.cause;
  }
  return lines;
}

/**
 * What dockproof prints when such an error stops it: whose fault it is in words (this machine, or a bug of
 * dockproof's own with its stack), what happened, and what caused it.
 */
export function stopMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = isDockproofError(error) ? ` [${error.code}]` : "";
  const caused = causes(error).map((text) => `  caused by: ${text.split("\n").join("\n    ")}\n`);
  if (blameOfError(error) === "input") return `dockproof: ${message}${code}\n${caused.join("")}`;
  if (blameOfError(error) === "harness") {
    const stack = error instanceof Error && error.stack ? `${error.stack}\n` : "";
    return `dockproof: stopped by a bug in dockproof, not by a lesson or this machine: ${message}${code}\n${stack}${caused.join("")}`;
  }
  return `dockproof: this machine could not run the lessons (no lesson was judged): ${message}${code}\n${caused.join("")}`;
}
