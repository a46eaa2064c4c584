/**
 * The annotated lesson: the lesson's own lines, each with a mark saying what the run did with it and the evidence
 * behind the mark. Steps mark the lines they run and cite, builds of a lesson's Dockerfile mark its instructions,
 * findings and waivers mark their lines, and a command-like line nothing touches is uncovered.
 */
import { firstLine, isRecord, stringOf } from "../checks/evidence-values.js";
import { lessonCoverage } from "../lesson/coverage.js";
import { builtInstructions, lessonUse, type BuiltInstruction } from "./lesson-uses.js";
import type { ScenarioPlan } from "../scenario/plan.js";
import { evidenceInWords } from "./evidence-words.js";
import { scenarioLabel } from "./labels.js";
import type { FindingKind, RunReport, ScenarioReport, ScenarioStatus, StepReport, StepStatus } from "../model/report-types.js";

/** Worst first: a line several scenarios touch shows the first of these that any of them gives it. */
export const LINE_MARKS = ["failed", "finding", "passed", "not-reached", "waived", "uncovered"] as const;
export type LineMark = (typeof LINE_MARKS)[number];

export const MARK_SYMBOL: Record<LineMark, string> = { failed: "✗", finding: "⚠", passed: "✓", "not-reached": "○", waived: "~", uncovered: "○" };
export const MARK_WORDS: Record<LineMark, string> = {
  failed: "failed",
  finding: "a finding is about this line",
  passed: "run and passed",
  "not-reached": "not reached: the step that runs it never ran",
  waived: "waived: a scenario says why it is not run",
  uncovered: "uncovered: a command no scenario runs, cites or waives",
};

/** The legend: one symbol per entry (not reached and uncovered share ○). */
export const MARK_LEGEND: ReadonlyArray<{ mark: LineMark; words: string }> = [
  { mark: "passed", words: "run and passed" },
  { mark: "failed", words: "failed" },
  { mark: "finding", words: "a finding is about this line" },
  { mark: "waived", words: "waived" },
  { mark: "not-reached", words: "not reached or uncovered: a command no step ran" },
];

/** What a build did with one instruction of the lesson's Dockerfile. */
export type BuiltWord = "cached" | "ran" | "failed" | "not reached" | "in the image";

export interface LineEntry {
  /** The scenario's short name (N1; "N1 (legacy)" when the run used several engines) and file. */
  scenario: string;
  scenarioFile: string;
  /** The scenario's verdict; null when the run's report does not have it. */
  verdict: ScenarioStatus | null;
  role: "runs" | "cites" | "builds" | "finding" | "waives";
  step: string | null;
  /** A run step's command as run, or a check step's check in words. */
  kind: "run" | "check" | null;
  command: string | null;
  /** The step's status; not-run: the report has no such step. Null for findings and waivers. */
  status: StepStatus | "not-run" | null;
  build: BuiltWord | null;
  mark: LineMark;
  /** Evidence in words (evidenceInWords, less the error line: `error` has it), or what stopped the step. */
  words: string[];
  error: { code: string; message: string } | null;
  /** finding.text is observed; finding.explanation is the scenario author's words. */
  finding: { kind: FindingKind; text: string; explanation: string | null } | null;
  /** A waiver's reason. */
  reason: string | null;
}

export interface AnnotatedLine {
  line: number;
  text: string;
  /** Null: a line nothing is about (prose, blank). */
  mark: LineMark | null;
  entries: LineEntry[];
}

export interface AnnotatedLesson {
  lesson: string;
  lines: AnnotatedLine[];
  counts: Record<LineMark, number>;
  /** Findings about this lesson that name no line of it. */
  unplaced: LineEntry[];
}

const worst = (marks: readonly LineMark[]): LineMark | null => LINE_MARKS.find((mark) => marks.includes(mark)) ?? null;

const BUILT_WORD: Record<BuiltInstruction["status"], BuiltWord> = {
  cached: "cached",
  done: "ran",
  failed: "failed",
  incomplete: "not reached",
  metadata: "in the image",
};

function stepMark(status: LineEntry["status"], verdict: ScenarioStatus | null): LineMark {
  if (status === "passed") return "passed";
  // A failure the scenario documents as the lesson's known bug is that finding, not a red run; so is one that made
  // the scenario unverified or skipped (this machine could not run that step: the lesson is not shown wrong).
  if (status === "failed") return verdict === "known-issue" || verdict === "unverified" || verdict === "skipped" ? "finding" : "failed";
  return status === "unverified" ? "finding" : "not-reached";
}

function notRunWords(step: StepReport | undefined, scenario: ScenarioReport | undefined): string[] {
  if (!scenario) return ["not run: the run's report does not have this scenario"];
  const reason = step ? stringOf(step.evidence?.reason) : null;
  if (reason) return [`not run: ${reason}`];
  return [scenario.error ? `not run: ${scenario.error.code}: ${firstLine(scenario.error.message)}` : "not run"];
}

/** The step's evidence in words; its error is shown whole beside them, so not again as a line of words. */
const wordsOf = (step: StepReport): string[] => {
  const words = evidenceInWords(step);
  return step.error && words.at(-1) === `✗ ${step.name}: ${firstLine(step.error.message)}` ? words.slice(0, -1) : words;
};

/** The entries one scenario gives the lesson's lines: line -> entries. */
function scenarioEntries(
  lesson: string,
  lines: readonly string[],
  plan: ScenarioPlan | undefined,
  scenario: ScenarioReport | undefined,
  engine: string | null,
): { byLine: Map<number, LineEntry[]>; unplaced: LineEntry[] } {
  const file = plan?.file ?? scenario?.file ?? "";
  const short = scenarioLabel({ file, name: plan?.name ?? scenario?.name ?? null });
  const label = engine === null ? short : `${short} (${engine})`;
  const verdict = scenario?.status ?? null;
  const base = { scenario: label, scenarioFile: file, verdict, kind: null, build: null, error: null, finding: null, reason: null };
  const byLine = new Map<number, LineEntry[]>();
  const unplaced: LineEntry[] = [];
  const add = (line: number, entry: LineEntry) => {
    if (line < 1 || line > lines.length) unplaced.push(entry);
    else byLine.set(line, [...(byLine.get(line) ?? []), entry]);
  };
  const built = plan && scenario ? builtInstructions(plan, scenario, lines) : [];
  const stepCount = Math.max(plan?.steps.length ?? 0, scenario?.steps.length ?? 0);
  for (let index = 0; index < stepCount; index++) {
    const planned = plan?.steps[index];
    const reported = scenario?.steps[index];
    const runs = planned?.kind === "run" ? planned.runsLesson : null;
    const claims = (reported?.claims ?? planned?.claims ?? []).map((claim) => claim.line);
    const cites = [...(reported?.cites ?? planned?.cites ?? []), ...claims];
    const buildLines = new Set(built.filter((entry) => entry.step === index).map((entry) => entry.line));
    const status: LineEntry["status"] = reported?.status ?? "not-run";
    const ran = status !== "skipped" && status !== "not-run";
    const stepBase = {
      ...base,
      step: reported?.name ?? planned?.name ?? null,
      kind: reported?.kind ?? planned?.kind ?? null,
      command: reported?.command ?? (planned?.kind === "run" ? planned.commandText : null),
      status,
      mark: stepMark(status, verdict),
      words: reported && ran ? wordsOf(reported) : notRunWords(reported, scenario),
      error: reported?.error ?? null,
    };
    // A build's own record says more about a Dockerfile line than the step's status does.
    const touched = [runs, reported?.lessonLine ?? planned?.lessonLine ?? null, ...cites].filter(
      (line): line is number => line !== null && !buildLines.has(line),
    );
    for (const line of new Set(touched)) add(line, { ...stepBase, role: line === runs ? "runs" : "cites" });
  }
  const stoppedAt = new Set(built.filter((entry) => entry.status === "failed").map((entry) => entry.step));
  for (const entry of built) {
    const word = BUILT_WORD[entry.status];
    const step = scenario?.steps[entry.step];
    const mark: LineMark = word === "failed" ? stepMark("failed", verdict) : word === "not reached" ? "not-reached" : "passed";
    add(entry.line, {
      ...base,
      role: "builds",
      step: step?.name ?? null,
      kind: "run",
      command: step?.command ?? null,
      status: step?.status ?? "not-run",
      build: word,
      mark,
      words: [`${entry.instruction}: ${word}`],
      // The step's error belongs to the instruction it stopped at, or to every instruction when none stopped it.
      error: word === "failed" || (step?.status === "failed" && word !== "not reached" && !stoppedAt.has(entry.step)) ? (step?.error ?? null) : null,
    });
  }
  for (const finding of scenario?.findings ?? []) {
    if (finding.lessonFile !== lesson) continue;
    const entry: LineEntry = {
      ...base,
      role: "finding",
      step: finding.step,
      command: null,
      status: null,
      mark: "finding",
      words: [],
      finding: { kind: finding.kind, text: finding.text, explanation: finding.explanation ?? null },
    };
    if (finding.lessonLine === null) unplaced.push(entry);
    else add(finding.lessonLine, entry);
  }
  for (const waiver of plan?.waives ?? []) {
    add(waiver.line, { ...base, role: "waives", step: null, command: null, status: null, mark: "waived", words: [], reason: waiver.reason });
  }
  return { byLine, unplaced };
}

const isReport = (value: unknown): value is ScenarioReport => isRecord(value) && Array.isArray(value.steps);

/** The engine a result ran on (reports from before engines were a dimension name none). */
const engineOf = (scenario: ScenarioReport): string | null => {
  const engine = (scenario as { engine?: unknown }).engine;
  return isRecord(engine) ? stringOf(engine.name) : null;
};

/** The annotated lesson of one lesson file, from its lines, the plans of the run's scenarios and the run's report. */
export function annotateLesson(input: {
  lesson: string;
  lines: readonly string[];
  plans: readonly ScenarioPlan[];
  report: Pick<RunReport, "scenarios">;
}): AnnotatedLesson {
  const { lesson, lines } = input;
  const plans = input.plans.filter((plan) => plan.lesson.file === lesson);
  const reports = input.report.scenarios.filter(isReport);
  const files = [
    ...new Set([
      ...plans.map((plan) => plan.file),
      ...reports.filter((scenario) => scenario.lesson.file === lesson).map((scenario) => scenario.file),
    ]),
  ].sort();
  const byLine = new Map<number, LineEntry[]>();
  const unplaced: LineEntry[] = [];
  // A run on several engines reports a scenario once per engine: each result is its own outcome.
  const several = new Set(reports.map(engineOf)).size > 1;
  for (const file of files) {
    const plan = plans.find((candidate) => candidate.file === file);
    const results = reports.filter((candidate) => candidate.file === file);
    for (const scenario of results.length > 0 ? results : [undefined]) {
      const entries = scenarioEntries(lesson, lines, plan, scenario, several && scenario ? engineOf(scenario) : null);
      for (const [line, list] of entries.byLine) byLine.set(line, [...(byLine.get(line) ?? []), ...list]);
      unplaced.push(...entries.unplaced);
    }
  }
  const uses = plans.map((plan) => lessonUse(plan, lines));
  const uncovered = new Set(
    lessonCoverage(lesson, lines, uses)
      .lines.filter((line) => line.status === "uncovered")
      .map((line) => line.line),
  );
  const counts = Object.fromEntries(LINE_MARKS.map((mark) => [mark, 0])) as Record<LineMark, number>;
  const annotated = lines.map((text, index): AnnotatedLine => {
    const line = index + 1;
    const entries = byLine.get(line) ?? [];
    const mark = worst(entries.map((entry) => entry.mark)) ?? (uncovered.has(line) ? "uncovered" : null);
    if (mark) counts[mark] += 1;
    return { line, text, mark, entries };
  });
  return { lesson, lines: annotated, counts, unplaced };
}
