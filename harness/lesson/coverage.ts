/**
 * The ledger of a lesson: every non-blank line with its kind (line-kinds.ts) and what the scenarios do with it. A
 * line a learner types (a command, a line of a Dockerfile block) is run, cited, waived with a reason, not reached
 * (its step never ran) or uncovered. A claim is proved (by which step, with the evidence), contradicted (a lesson
 * defect, with the observation), review (its text changed under the step that proves it), unverified (why),
 * not run, claimed (a step proves it; no run's report given), waived (why) or unchecked. Headings, instructions to
 * the learner and other prose are listed with their kind; a waiver or a citation on one is shown, nothing is owed.
 */
import { type ClassifiedLine, classifyLines, type LineKind } from "./line-kinds.js";
import { headingOf } from "./lesson-markup.js";

export type CommandStatus = "run" | "cited" | "waived" | "not-reached" | "uncovered";
export type ClaimOutcome = "proved" | "contradicted" | "review" | "unverified" | "not-run";
export type ClaimStatus = ClaimOutcome | "claimed" | "waived" | "unchecked";

/** One step's proof of a claim; `outcome` and `words` come from a run's report (absent: no report given). */
export interface ClaimUse {
  line: number;
  scenario: string;
  step: string;
  engine?: string | null;
  outcome?: ClaimOutcome;
  /** The evidence (or the reason) in words. */
  words?: string[];
}

/** What one scenario does with the lesson's lines (as the lesson is now). */
export interface ScenarioUse {
  scenario: string;
  /** Lines a step runs, with whether it ran in the report given (undefined: no report). */
  runs: Array<{ line: number; ran?: boolean }>;
  cites: number[];
  claims: ClaimUse[];
  waives: Array<{ line: number; reason: string }>;
  /** The scenario's own section heading, a heading even without the "->" convention. */
  section: string;
  /** Lines the run showed fail as the lesson writes them (a known issue reproduced), from its report. */
  defects?: number[];
}

export interface CoverageLine {
  line: number;
  text: string;
  kind: LineKind;
  /** Null for a heading, instruction or prose line nothing is about. */
  status: CommandStatus | ClaimStatus | null;
  /** The scenarios behind the status (for waived, with their reasons). */
  scenarios: string[];
  reasons?: string[];
  /** For a claim: each step that proves it, with what it showed. */
  proofs?: ClaimUse[];
}

export type CoverageCounts = Record<CommandStatus, number>;
export type ClaimCounts = Record<ClaimStatus, number>;

export interface Coverage {
  lesson: string;
  lines: CoverageLine[];
  sections: Array<{ heading: string; line: number | null; counts: CoverageCounts; claims: ClaimCounts }>;
  /** The lines a learner types. */
  totals: CoverageCounts;
  claims: ClaimCounts;
  /**
   * Command and file lines a run showed fail as the lesson writes them (a known issue reproduced): lesson defects that
   * are no claim, counted beside the claims' (a claim's defect is a contradicted claim).
   */
  commandDefects: number[];
}

const zero = (): CoverageCounts => ({ run: 0, cited: 0, waived: 0, "not-reached": 0, uncovered: 0 });
const zeroClaims = (): ClaimCounts => ({
  proved: 0,
  contradicted: 0,
  review: 0,
  unverified: 0,
  "not-run": 0,
  claimed: 0,
  waived: 0,
  unchecked: 0,
});

/**
 * Worst first: a claim several steps are bound to is what the worst of them showed. One contradiction is a defect;
 * a claim is proved only when every step bound to it proved it (on every engine the run used).
 */
const CLAIM_ORDER: readonly ClaimOutcome[] = ["contradicted", "review", "unverified", "not-run", "proved"];

function commandStatus(entry: ClassifiedLine, uses: readonly ScenarioUse[]): Omit<CoverageLine, "line" | "text" | "kind"> {
  const runners = uses.filter((use) => use.runs.some((run) => run.line === entry.line));
  const reached = runners.filter((use) => use.runs.some((run) => run.line === entry.line && run.ran !== false));
  const citing = uses.filter((use) => use.cites.includes(entry.line));
  const waiving = uses.flatMap((use) => use.waives.filter((waiver) => waiver.line === entry.line).map((waiver) => ({ use, waiver })));
  if (reached.length > 0) return { status: "run", scenarios: reached.map((use) => use.scenario) };
  if (runners.length > 0) return { status: "not-reached", scenarios: runners.map((use) => use.scenario) };
  if (citing.length > 0) return { status: "cited", scenarios: citing.map((use) => use.scenario) };
  if (waiving.length > 0)
    return { status: "waived", scenarios: waiving.map(({ use }) => use.scenario), reasons: waiving.map(({ waiver }) => waiver.reason) };
  return entry.kind === "command" || entry.kind === "file" ? { status: "uncovered", scenarios: [] } : { status: null, scenarios: [] };
}

function claimStatus(entry: ClassifiedLine, uses: readonly ScenarioUse[]): Omit<CoverageLine, "line" | "text" | "kind"> {
  const proofs = uses.flatMap((use) => use.claims.filter((claim) => claim.line === entry.line));
  const scenarios = [...new Set(proofs.map((proof) => proof.scenario))];
  if (proofs.length > 0) {
    const outcomes = proofs.map((proof) => proof.outcome);
    const status = outcomes.includes(undefined) ? "claimed" : (CLAIM_ORDER.find((outcome) => outcomes.includes(outcome)) ?? "not-run");
    return { status, scenarios, proofs };
  }
  const waiving = uses.flatMap((use) => use.waives.filter((waiver) => waiver.line === entry.line).map((waiver) => ({ use, waiver })));
  if (waiving.length > 0)
    return { status: "waived", scenarios: waiving.map(({ use }) => use.scenario), reasons: waiving.map(({ waiver }) => waiver.reason) };
  return { status: "unchecked", scenarios: uses.filter((use) => use.cites.includes(entry.line)).map((use) => use.scenario) };
}

export function lessonCoverage(lesson: string, lines: readonly string[], uses: readonly ScenarioUse[]): Coverage {
  const headings = new Set(uses.map((use) => use.section));
  const claimed = new Set(uses.flatMap((use) => use.claims.map((claim) => claim.line)));
  const covered = classifyLines(lines, headings).map((entry): CoverageLine => {
    // A line a step proves is a claim, whatever its words; a command or a file line stays what it is.
    const kind: LineKind = claimed.has(entry.line) && entry.kind !== "command" && entry.kind !== "file" ? "claim" : entry.kind;
    const classified = { ...entry, kind };
    const status = kind === "claim" ? claimStatus(classified, uses) : commandStatus(classified, uses);
    // A scenario run on several engines is one use per engine: named once, its reason said once.
    return {
      line: entry.line,
      text: entry.text,
      kind,
      ...status,
      scenarios: [...new Set(status.scenarios)],
      ...(status.reasons ? { reasons: [...new Set(status.reasons)] } : {}),
    };
  });
  const sections = new Map<string, Coverage["sections"][number]>();
  const totals = zero();
  const claims = zeroClaims();
  for (const entry of covered) {
    if (entry.status === null || entry.kind === "heading") continue;
    const heading = headingOf(lines, entry.line, headings);
    const key = heading ? `${heading.line}` : "-";
    const section = sections.get(key) ?? {
      heading: heading?.text ?? "(before the first heading)",
      line: heading?.line ?? null,
      counts: zero(),
      claims: zeroClaims(),
    };
    if (entry.kind === "claim") {
      section.claims[entry.status as ClaimStatus] += 1;
      claims[entry.status as ClaimStatus] += 1;
    } else if (entry.kind === "command" || entry.kind === "file") {
      section.counts[entry.status as CommandStatus] += 1;
      totals[entry.status as CommandStatus] += 1;
    }
    sections.set(key, section);
  }
  const defects = new Set(uses.flatMap((use) => use.defects ?? []));
  const commandDefects = covered
    .filter((entry) => defects.has(entry.line) && (entry.kind === "command" || entry.kind === "file"))
    .map((entry) => entry.line);
  return { lesson, lines: covered, sections: [...sections.values()], totals, claims, commandDefects };
}
