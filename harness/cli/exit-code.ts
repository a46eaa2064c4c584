/** What the CLI exits with, by what a run found: the lesson's failures first, then this machine's faults. */
import type { ScenarioStatus } from "../model/report-types.js";

/** 4: no lesson failure and no machine error, but a claim a step proves changed: a maintainer must review it. */
export const EXIT = { passed: 0, failed: 1, invalid: 2, error: 3, review: 4 } as const;

/**
 * A failed scenario (or a verdict that regressed against the baseline) is 1; an error of this machine, with no lesson
 * failure, 3; a claim to review, 4; anything else 0 — passed, known issues, and what could not be checked here
 * (unverified, skipped: a missing tool or image says nothing of the lesson).
 */
export function runExitCode(statuses: readonly ScenarioStatus[], regressed: boolean): number {
  if (statuses.includes("failed") || regressed) return EXIT.failed;
  if (statuses.includes("error")) return EXIT.error;
  return statuses.includes("review") ? EXIT.review : EXIT.passed;
}
