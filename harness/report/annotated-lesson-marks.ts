/**
 * The marks of the annotated lesson: what a run showed of one lesson line on one engine. ✓ is earned only by the
 * lesson's own text passing there (run verbatim, built, or a claim a passing step proves); everything short of that
 * has its own mark, so a reader never takes a demonstration, a half-done build or a contradicted claim for a pass.
 */
import type { FindingKind, ScenarioStatus, StepStatus } from "../model/report-types.js";

/**
 * Worst first: where several entries give a line a mark on one engine, the first of these that any gives it. A
 * lesson failure always shows; a proof stands where another scenario could not check the line or only partly ran
 * it (a claim is judged apart, as the ledger judges it: see lineMark).
 */
export const LINE_MARKS = [
  "failed",
  "defect",
  "review",
  "passed",
  "unverified",
  "partial",
  "demonstrated",
  "note",
  "not-reached",
  "waived",
  "uncovered",
] as const;
export type LineMark = (typeof LINE_MARKS)[number];

/** Symbols the page's fonts have (DejaVu, as headless chromium on Debian): no colour emoji. */
export const MARK_SYMBOL: Record<LineMark, string> = {
  failed: "✗",
  defect: "⚠",
  unverified: "?",
  review: "◎",
  passed: "✓",
  partial: "◐",
  demonstrated: "~",
  note: "ℹ",
  "not-reached": "○",
  waived: "–",
  uncovered: "○",
};

/** Each mark's text alternative: what it says about the line. */
export const MARK_WORDS: Record<LineMark, string> = {
  failed: "failed: a step on this line failed on a healthy sandbox",
  defect: "lesson defect: the run contradicts this line (a known issue, or a claim a passing step shows false)",
  unverified: "unverified: this machine could not check it",
  review: "to review: the claim a step proves here changed since the scenario was fixed",
  passed: "proved verbatim: the lesson's own text ran and passed here",
  partial: "ran, but its step did not pass: it stopped at another line",
  demonstrated: "demonstrated by another command: a passing step shows it, not the lesson's own text",
  note: "a note about this line",
  "not-reached": "not reached: no step ran it",
  waived: "waived: a scenario says why it is not run",
  uncovered: "uncovered: a command no scenario runs, cites or waives",
};

/** The legend: one entry per symbol (not reached and uncovered share ○). */
export const MARK_LEGEND: ReadonlyArray<{ mark: LineMark; words: string }> = [
  { mark: "passed", words: "proved verbatim" },
  { mark: "demonstrated", words: "demonstrated by another command" },
  { mark: "partial", words: "ran, its step stopped elsewhere" },
  { mark: "failed", words: "failed" },
  { mark: "defect", words: "lesson defect (contradicted)" },
  { mark: "unverified", words: "unverified here" },
  { mark: "review", words: "to review" },
  { mark: "note", words: "a note" },
  { mark: "waived", words: "waived" },
  { mark: "not-reached", words: "not reached or uncovered" },
];

const firstOf = (order: readonly LineMark[], marks: readonly LineMark[]): LineMark | null => order.find((mark) => marks.includes(mark)) ?? null;

export const worstMark = (marks: readonly LineMark[]): LineMark | null => firstOf(LINE_MARKS, marks);

/** The ledger's order for a claim (coverage.ts): one contradiction is a defect; proved only where every step bound to it proved it. */
const CLAIM_ORDER: readonly LineMark[] = ["failed", "defect", "review", "unverified", "not-reached", "passed", "demonstrated"];

/**
 * A line's mark on one engine from the marks of its entries there. On a claim a step is bound to, the bindings decide
 * (as the ledger does), and only a lesson failure elsewhere on the line outranks them.
 */
export function lineMark(entries: ReadonlyArray<{ mark: LineMark; bound: boolean }>): LineMark | null {
  const all = entries.map((entry) => entry.mark);
  const bound = entries.filter((entry) => entry.bound).map((entry) => entry.mark);
  if (bound.length === 0) return worstMark(all);
  return firstOf(["failed", "defect", "review"], all) ?? firstOf(CLAIM_ORDER, bound);
}

/**
 * The mark of a step that did not pass. A failure the scenario documents as the lesson's known bug is a lesson
 * defect; one that left the scenario unverified, skipped or an error is this machine's, not the lesson's.
 */
export function outcomeMark(status: StepStatus | "not-run", verdict: ScenarioStatus | null): LineMark {
  if (status === "failed") {
    if (verdict === "known-issue") return "defect";
    return verdict === "unverified" || verdict === "skipped" || verdict === "error" ? "unverified" : "failed";
  }
  if (status === "review" || status === "unverified") return status;
  return status === "passed" ? "passed" : "not-reached";
}

/** The mark a finding gives its line: defects and known issues are lesson defects; notes only inform. */
export const FINDING_MARK: Record<FindingKind, LineMark> = {
  "lesson-defect": "defect",
  "known-issue": "defect",
  "known-issue-mismatch": "failed",
  unverified: "unverified",
  "environment-limitation": "unverified",
  review: "review",
  note: "note",
  "lesson-changed": "note",
  "known-issue-not-reproduced": "note",
};
