/** `dockproof coverage`: which command-like lesson lines the scenarios run, cite or waive, per section and in total. */
import { readFile } from "node:fs/promises";
import { type Coverage, lessonCoverage } from "../lesson/coverage.js";
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
    const report = reports?.find((candidate) => candidate.file === plan.file);
    const entry = byLesson.get(plan.lesson.file) ?? { lines: loaded.lesson.lines, uses: [] };
    entry.uses.push(lessonUse(plan, loaded.lesson.lines, reports ? (report ?? { ...emptyReport(plan.file) }) : undefined));
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

const MARK = { run: "run", cited: "cited", waived: "waived", "not-reached": "not reached", uncovered: "UNCOVERED" } as const;

export function formatCoverage(coverage: Coverage): string {
  const counts = (c: Coverage["totals"]) =>
    `${c.run} run, ${c.cited} cited, ${c.waived} waived, ${c["not-reached"]} not reached, ${c.uncovered} uncovered`;
  const lines = [`${coverage.lesson}: ${counts(coverage.totals)}`];
  for (const section of coverage.sections)
    lines.push(`  ${section.line === null ? "-" : `line ${section.line}`} ${section.heading}: ${counts(section.counts)}`);
  for (const line of coverage.lines) {
    const who = line.scenarios.length ? ` (${line.scenarios.join(", ")})` : "";
    lines.push(
      `  ${String(line.line).padStart(4)} ${MARK[line.status].padEnd(11)} ${line.text}${who}${line.reasons ? ` — ${line.reasons.join("; ")}` : ""}`,
    );
  }
  return `${lines.join("\n")}\n`;
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
  const uncovered = coverages.reduce((total, coverage) => total + coverage.totals.uncovered, 0);
  return args.strict && uncovered > 0 ? 1 : 0;
}
