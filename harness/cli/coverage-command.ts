/** `dockproof coverage`: which command-like lesson lines the scenarios run, cite or waive, per section and in total. */
import { readFile } from "node:fs/promises";
import { type ClaimCounts, type ClaimUse, type Coverage, type CoverageLine, lessonCoverage } from "../lesson/coverage.js";
import type { RunReport, ScenarioReport } from "../model/report-types.js";
import { writeText } from "../report/results-file.js";
import { lessonUse } from "../report/lesson-uses.js";
import { ImageCatalog } from "../images/index.js";
import { formatProblem, loadScenarios } from "../scenario/index.js";
import { InvalidInputError } from "../support/errors.js";

export interface CoverageOutcome {
  coverages: Coverage[];
  problems: string[];
}

async function readReport(file: string): Promise<ScenarioReport[]> {
  try {
    const report = JSON.parse(await readFile(file, "utf8")) as RunReport;
    if (!Array.isArray(report.scenarios)) throw new Error("no scenarios list");
    return report.scenarios;
  } catch (error) {
    throw new InvalidInputError("E_RESULTS", `${file}: expected a \`dockproof run --json\` report, found ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** One ledger per lesson file the scenarios test. */
export async function coverageOf(paths: readonly string[], lessonsDir: string, reportFile: string | null): Promise<CoverageOutcome> {
  const { scenarios, problems } = await loadScenarios(paths, { lessonsDir, knownImages: ImageCatalog.refs });
  if (problems.length > 0) return { coverages: [], problems: problems.map(formatProblem) };
  const reports = reportFile ? await readReport(reportFile) : null;
  const byLesson = new Map<string, { lines: readonly string[]; uses: ReturnType<typeof lessonUse>[] }>();
  for (const loaded of scenarios) {
    const { plan } = loaded;
    // One use per engine the report ran it on: a claim holds on each of them or it does not hold.
    const found = reports?.filter((candidate) => candidate.file === plan.file) ?? [];
    const entry = byLesson.get(plan.lesson.file) ?? { lines: loaded.lesson.lines, uses: [] };
    if (!reports) entry.uses.push(lessonUse(plan, loaded.lesson.lines));
    else for (const report of found.length > 0 ? found : [emptyReport(plan.file)]) entry.uses.push(lessonUse(plan, loaded.lesson.lines, report));
    byLesson.set(plan.lesson.file, entry);
  }
  return { coverages: [...byLesson].map(([lesson, { lines, uses }]) => lessonCoverage(lesson, lines, uses)), problems: [] };
}

/** A scenario the report does not have ran nothing. */
const emptyReport = (file: string): ScenarioReport => ({
  file,
  name: file,
  lesson: { file: "", section: "", lines: null },
  status: "skipped",
  durationMs: 0,
  sandbox: null,
  images: [],
  steps: [],
  findings: [],
  error: null,
});

const MARK: Record<NonNullable<CoverageLine["status"]>, string> = {
  run: "run",
  cited: "cited",
  waived: "waived",
  "not-reached": "not reached",
  uncovered: "UNCOVERED",
  proved: "proved",
  contradicted: "CONTRADICTED",
  review: "REVIEW",
  unverified: "unverified",
  "not-run": "not run",
  claimed: "claimed",
  unchecked: "UNCHECKED",
};

const commandCounts = (c: Coverage["totals"]) =>
  `${c.run} run, ${c.cited} cited, ${c.waived} waived, ${c["not-reached"]} not reached, ${c.uncovered} uncovered`;
const claimTotal = (c: ClaimCounts) => Object.values(c).reduce((total, count) => total + count, 0);
export const claimCounts = (c: ClaimCounts): string =>
  `${claimTotal(c)} claims: ${c.proved} proved, ${c.contradicted} contradicted (lesson defects), ${c.review} to review, ${c.unverified} unverified, ${c["not-run"]} not run, ${c.claimed} claimed (no run given), ${c.waived} waived, ${c.unchecked} unchecked`;

/** A proof in a few words: which scenario and step, on which engine, and what it showed. */
const proofWords = (proof: ClaimUse): string =>
  `${proof.scenario}${proof.engine ? `@${proof.engine}` : ""} "${proof.step}"${proof.outcome ? ` ${proof.outcome}` : ""}${proof.words?.length ? `: ${proof.words.join("; ")}` : ""}`;

export function formatCoverage(coverage: Coverage): string {
  const lines = [`${coverage.lesson}: commands ${commandCounts(coverage.totals)}; ${claimCounts(coverage.claims)}`];
  for (const section of coverage.sections)
    lines.push(
      `  ${section.line === null ? "-" : `line ${section.line}`} ${section.heading}: commands ${commandCounts(section.counts)}; ${claimCounts(section.claims)}`,
    );
  for (const line of coverage.lines) {
    if (line.status === null) continue;
    const who = line.proofs?.length
      ? ` (${line.proofs.map(proofWords).join(" | ")})`
      : line.scenarios.length
        ? ` (${line.scenarios.join(", ")})`
        : "";
    const reasons = line.reasons ? ` — ${line.reasons.join("; ")}` : "";
    lines.push(`  ${String(line.line).padStart(4)} ${line.kind.padEnd(7)} ${MARK[line.status].padEnd(12)} ${line.text}${who}${reasons}`);
  }
  return `${lines.join("\n")}\n`;
}

/** What `--strict` does not let pass: a command no scenario runs, cites or waives; a claim unchecked or to review. */
export function strictFailures(coverages: readonly Coverage[]): string[] {
  return coverages.flatMap((coverage) =>
    coverage.lines
      .filter((line) => line.status === "uncovered" || line.status === "unchecked" || line.status === "review")
      .map((line) => `${coverage.lesson}:${line.line}: ${line.kind} ${MARK[line.status ?? "uncovered"]}: ${line.text}`),
  );
}

export async function coverageCommand(args: {
  paths: string[];
  lessonsDir: string;
  json: string | null;
  report: string | null;
  strict: boolean;
}): Promise<number> {
  const { coverages, problems } = await coverageOf(args.paths, args.lessonsDir, args.report);
  if (problems.length > 0) {
    for (const problem of problems) process.stderr.write(`${problem}\n`);
    return 2;
  }
  for (const coverage of coverages) process.stdout.write(formatCoverage(coverage));
  if (args.json) await writeText(args.json, `${JSON.stringify({ version: 1, lessons: coverages }, null, 2)}\n`);
  const failures = strictFailures(coverages);
  if (args.strict && failures.length > 0) {
    process.stderr.write(
      `coverage --strict: ${failures.length} line(s) not accounted for:\n${failures.map((failure) => `  ${failure}`).join("\n")}\n`,
    );
    return 1;
  }
  return 0;
}
