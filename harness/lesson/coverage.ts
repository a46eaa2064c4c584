/**
 * The coverage ledger of a lesson: every line a learner would type (shell commands, each Dockerfile block's
 * instructions), and what the scenarios do with it: run it, cite it, waive it with a reason, or nothing. Given a
 * run's report, a line whose step never ran (its scenario stopped earlier) is not-reached.
 */
import { commandLines, dockerfileBlocks, headingOf } from "./lesson-text.js";

export type CoverageStatus = "run" | "cited" | "waived" | "not-reached" | "uncovered";

/** What one scenario does with the lesson's lines (as the lesson is now). */
export interface ScenarioUse {
  scenario: string;
  /** Lines a step runs, with whether it ran in the report given (undefined: no report). */
  runs: Array<{ line: number; ran?: boolean }>;
  cites: number[];
  waives: Array<{ line: number; reason: string }>;
  /** The scenario's own section heading, a heading even without the "->" convention. */
  section: string;
}

export interface CoverageLine {
  line: number;
  text: string;
  kind: "command" | "dockerfile";
  status: CoverageStatus;
  /** The scenarios behind the status (for waived, with their reasons). */
  scenarios: string[];
  reasons?: string[];
}

export type CoverageCounts = Record<CoverageStatus, number>;

export interface Coverage {
  lesson: string;
  lines: CoverageLine[];
  sections: Array<{ heading: string; line: number | null; counts: CoverageCounts }>;
  totals: CoverageCounts;
}

const zero = (): CoverageCounts => ({ run: 0, cited: 0, waived: 0, "not-reached": 0, uncovered: 0 });

export function lessonCoverage(lesson: string, lines: readonly string[], uses: readonly ScenarioUse[]): Coverage {
  const candidates = [
    ...commandLines(lines).map((entry) => ({ ...entry, kind: "command" as const })),
    ...dockerfileBlocks(lines).flatMap((block) => block.instructions.map((entry) => ({ ...entry, kind: "dockerfile" as const }))),
  ].sort((a, b) => a.line - b.line);
  const headings = new Set(uses.map((use) => use.section));
  const covered = candidates.map((candidate): CoverageLine => {
    const runners = uses.filter((use) => use.runs.some((run) => run.line === candidate.line));
    const reached = runners.filter((use) => use.runs.some((run) => run.line === candidate.line && run.ran !== false));
    const citing = uses.filter((use) => use.cites.includes(candidate.line));
    const waiving = uses.flatMap((use) => use.waives.filter((waiver) => waiver.line === candidate.line).map((waiver) => ({ use, waiver })));
    const base = { line: candidate.line, text: candidate.text, kind: candidate.kind };
    if (reached.length > 0) return { ...base, status: "run", scenarios: reached.map((use) => use.scenario) };
    if (runners.length > 0) return { ...base, status: "not-reached", scenarios: runners.map((use) => use.scenario) };
    if (citing.length > 0) return { ...base, status: "cited", scenarios: citing.map((use) => use.scenario) };
    if (waiving.length > 0)
      return { ...base, status: "waived", scenarios: waiving.map(({ use }) => use.scenario), reasons: waiving.map(({ waiver }) => waiver.reason) };
    return { ...base, status: "uncovered", scenarios: [] };
  });
  const sections = new Map<string, { heading: string; line: number | null; counts: CoverageCounts }>();
  const totals = zero();
  for (const entry of covered) {
    const heading = headingOf(lines, entry.line, headings);
    const key = heading ? `${heading.line}` : "-";
    const section = sections.get(key) ?? { heading: heading?.text ?? "(before the first heading)", line: heading?.line ?? null, counts: zero() };
    section.counts[entry.status] += 1;
    sections.set(key, section);
    totals[entry.status] += 1;
  }
  return { lesson, lines: covered, sections: [...sections.values()], totals };
}
