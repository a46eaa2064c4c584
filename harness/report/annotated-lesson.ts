/**
 * The annotated lesson: the lesson's own lines, each with one mark per engine the run used (never merged: a line a
 * legacy run never reached is ○ there whatever modern did) and the entries behind the marks. ✓ only where the lesson's
 * own text passed on that engine (annotated-lesson-steps.ts, annotated-lesson-builds.ts); findings and waivers mark
 * their lines; a command-like line nothing touches is uncovered. The header counts claims as every report does.
 */
import { isRecord, stringOf } from "../checks/evidence-values.js";
import { lessonCoverage } from "../lesson/coverage.js";
import type { RunReport, ScenarioReport } from "../model/report-types.js";
import type { ScenarioPlan } from "../scenario/plan.js";
import { buildEntries, lessonFileEntries } from "./annotated-lesson-builds.js";
import { FINDING_MARK, LINE_MARKS, type LineMark, lineMark } from "./annotated-lesson-marks.js";
import type { AnnotatedLesson, AnnotatedLine, LessonLedger, LineEntry } from "./annotated-lesson-model.js";
import { entryBase, type ScenarioResult } from "./annotated-lesson-result.js";
import { isBound, stepEntries } from "./annotated-lesson-steps.js";
import { scenarioLabel } from "./labels.js";
import { lessonUse } from "./lesson-uses.js";
import { ledgerHeadline, runLedgers } from "./run-ledger.js";

export * from "./annotated-lesson-marks.js";
export type * from "./annotated-lesson-model.js";

/** Every entry one result gives the lesson's lines, and its findings that name no line. */
function resultEntries(result: ScenarioResult): { placed: Array<{ line: number; entry: LineEntry }>; unplaced: LineEntry[] } {
  const base = entryBase(result);
  const builds = buildEntries(result);
  const placed = [...stepEntries(result, builds), ...builds.placed, ...lessonFileEntries(result, builds.placed)];
  const unplaced: LineEntry[] = [];
  for (const finding of result.report?.findings ?? []) {
    if (finding.lessonFile !== result.lesson) continue;
    const entry: LineEntry = {
      ...base,
      role: "finding",
      step: finding.step,
      mark: FINDING_MARK[finding.kind],
      finding: { kind: finding.kind, text: finding.text, explanation: finding.explanation ?? null },
    };
    if (finding.lessonLine === null) unplaced.push(entry);
    else placed.push({ line: finding.lessonLine, entry });
  }
  for (const waiver of result.plan?.waives ?? result.report?.waives ?? []) {
    placed.push({ line: waiver.line, entry: { ...base, role: "waives", mark: "waived", reason: waiver.reason } });
  }
  return { placed, unplaced };
}

const isReport = (value: unknown): value is ScenarioReport => isRecord(value) && Array.isArray(value.steps);

/** The engine a result ran on (reports from before engines were a dimension name none). */
const engineOf = (scenario: ScenarioReport): string | null => {
  const engine = (scenario as { engine?: unknown }).engine;
  return isRecord(engine) ? stringOf(engine.name) : null;
};

/** The claim counts of the lesson, from the report alone, as the console, Markdown and JUnit headlines give them. */
function lessonLedger(
  lesson: string,
  lines: readonly string[],
  reports: readonly ScenarioReport[],
  engines: ReadonlyArray<string | null>,
): LessonLedger {
  const texts = new Map([[lesson, lines]]);
  const headline = (scenarios: readonly ScenarioReport[]) => runLedgers(scenarios, texts).map(ledgerHeadline)[0] ?? null;
  const perEngine = engines.length > 1 ? engines.filter((engine): engine is string => engine !== null) : [];
  const issues = new Map<string, LessonLedger["knownIssues"][number]>();
  for (const scenario of reports) {
    for (const finding of scenario.findings.filter((candidate) => candidate.kind === "known-issue" && candidate.lessonFile === lesson)) {
      const key = `${scenario.file}:${finding.lessonLine}`;
      const issue = issues.get(key) ?? { line: finding.lessonLine, scenario: scenarioLabel(scenario), engines: [] };
      const engine = engineOf(scenario);
      if (engine !== null && !issue.engines.includes(engine)) issue.engines.push(engine);
      issues.set(key, issue);
    }
  }
  return {
    headline: headline(reports),
    engines: perEngine.flatMap((engine) => {
      const line = headline(reports.filter((scenario) => engineOf(scenario) === engine));
      return line === null ? [] : [{ engine, headline: line }];
    }),
    knownIssues: [...issues.values()],
  };
}

/** The annotated lesson of one lesson file, from its lines, the plans of the run's scenarios and the run's report. */
export function annotateLesson(input: {
  lesson: string;
  lines: readonly string[];
  plans: readonly ScenarioPlan[];
  report: Pick<RunReport, "scenarios">;
}): AnnotatedLesson {
  const { lesson, lines } = input;
  const plans = input.plans.filter((plan) => plan.lesson.file === lesson);
  const all = input.report.scenarios.filter(isReport);
  const reports = all.filter((scenario) => scenario.lesson.file === lesson);
  // Every engine the run used, in its order: a scenario with no result on one of them was not reached there.
  const engines = all.length > 0 ? [...new Set(all.map(engineOf))] : [null];
  const files = [...new Set([...plans.map((plan) => plan.file), ...reports.map((scenario) => scenario.file)])].sort();
  const byLine = new Map<number, LineEntry[]>();
  const unplaced: LineEntry[] = [];
  for (const file of files) {
    const plan = plans.find((candidate) => candidate.file === file);
    for (const engine of engines) {
      const report = reports.find((candidate) => candidate.file === file && engineOf(candidate) === engine);
      if (!plan && !report) continue;
      const entries = resultEntries({ lesson, lines, plan, report, engine });
      for (const { line, entry } of entries.placed) {
        if (line < 1 || line > lines.length) unplaced.push(entry);
        else byLine.set(line, [...(byLine.get(line) ?? []), entry]);
      }
      unplaced.push(...entries.unplaced);
    }
  }
  const uncovered = new Set(
    lessonCoverage(
      lesson,
      lines,
      plans.map((plan) => lessonUse(plan, lines)),
    )
      .lines.filter((line) => line.status === "uncovered")
      .map((line) => line.line),
  );
  const counts = engines.map((engine) => ({ engine, counts: Object.fromEntries(LINE_MARKS.map((mark) => [mark, 0])) as Record<LineMark, number> }));
  const annotated = lines.map((text, index): AnnotatedLine => {
    const line = index + 1;
    const entries = byLine.get(line) ?? [];
    // An engine none of the line's entries come from never reached it.
    const marks =
      entries.length > 0
        ? engines.map((engine) => {
            const here = entries.filter((entry) => entry.engine === engine).map((entry) => ({ mark: entry.mark, bound: isBound(entry.role) }));
            return { engine, mark: lineMark(here) ?? "not-reached" };
          })
        : uncovered.has(line)
          ? [{ engine: null, mark: "uncovered" as const }]
          : [];
    for (const tally of counts) {
      const mark = marks.find((candidate) => candidate.engine === tally.engine || candidate.engine === null)?.mark;
      if (mark) tally.counts[mark] += 1;
    }
    return { line, text, marks, entries };
  });
  return { lesson, engines, lines: annotated, counts, unplaced, ledger: lessonLedger(lesson, lines, reports, engines) };
}
