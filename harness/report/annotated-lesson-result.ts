/**
 * One scenario's result on one engine, as the annotated lesson reads it: its plan (what it meant to do) and its
 * report (what it did), step by step. A report says what ran (its steps' lesson lines, claims, lesson files, its
 * demonstration); the plan fills in what an older report does not record, and stands alone for a scenario the
 * run's report lacks.
 */
import { firstLine, stringOf } from "../checks/evidence-values.js";
import type { ScenarioReport, StepReport } from "../model/report-types.js";
import type { ClaimBinding, LessonFilePlan, PlanStep, ScenarioPlan } from "../scenario/plan.js";
import type { LineEntry } from "./annotated-lesson-model.js";
import { evidenceInWords } from "./evidence-words.js";
import { scenarioLabel } from "./labels.js";
import { failedStepWords } from "./failed-step-words.js";

export interface ScenarioResult {
  lesson: string;
  lines: readonly string[];
  plan: ScenarioPlan | undefined;
  report: ScenarioReport | undefined;
  engine: string | null;
}

/** One step as planned and as reported. */
export interface StepView {
  index: number;
  planned: PlanStep | undefined;
  reported: StepReport | undefined;
  name: string | null;
  kind: "run" | "check" | null;
  command: string | null;
  /** The lesson line whose text the step ran verbatim (null: a command of the scenario's own, or a check). */
  runsLesson: number | null;
  lessonLine: number | null;
  cites: readonly number[];
  claims: ReadonlyArray<Pick<ClaimBinding, "line" | "role">>;
  status: StepReport["status"] | "not-run";
}

export function stepViews(result: ScenarioResult): StepView[] {
  const { plan, report } = result;
  const count = Math.max(plan?.steps.length ?? 0, report?.steps.length ?? 0);
  return Array.from({ length: count }, (_, index): StepView => {
    const planned = plan?.steps[index];
    const reported = report?.steps[index];
    const plannedRun = planned?.kind === "run" ? planned : undefined;
    return {
      index,
      planned,
      reported,
      name: reported?.name ?? planned?.name ?? null,
      kind: reported?.kind ?? planned?.kind ?? null,
      command: reported?.command ?? plannedRun?.commandText ?? null,
      // Reports before runsLesson was recorded leave it to the plan.
      runsLesson: reported && "runsLesson" in reported ? (reported.runsLesson ?? null) : (plannedRun?.runsLesson ?? null),
      lessonLine: reported?.lessonLine ?? planned?.lessonLine ?? null,
      cites: reported?.cites ?? planned?.cites ?? [],
      claims: reported?.claims ?? planned?.claims ?? [],
      status: reported?.status ?? "not-run",
    };
  });
}

/** The files the scenario wrote from the lesson's lines before its steps. */
export const lessonFilesOf = (result: ScenarioResult): ReadonlyArray<Pick<LessonFilePlan, "path" | "lines" | "offset">> =>
  result.report?.lessonFiles ?? result.plan?.lessonFiles ?? [];

/** Set when the scenario shows the lesson's principle on material of its own: nothing it does is the lesson's text passing. */
export const demonstrationOf = (result: ScenarioResult): string | null => result.report?.demonstration ?? result.plan?.demonstration ?? null;

/** The lines of the known issues the result reproduced, or its plan's; null when neither says (an older report alone). */
export function knownIssueLines(result: ScenarioResult): ReadonlySet<number> | null {
  const found = (result.report?.findings ?? []).filter((finding) => finding.kind === "known-issue" && finding.lessonLine !== null);
  if (found.length > 0) return new Set(found.map((finding) => finding.lessonLine as number));
  return result.plan?.knownIssue ? new Set([result.plan.knownIssue.line]) : null;
}

/** The fields every entry of this result shares. */
export function entryBase(result: ScenarioResult): Omit<LineEntry, "role" | "mark"> {
  const file = result.plan?.file ?? result.report?.file ?? "";
  return {
    engine: result.engine,
    scenario: scenarioLabel({ file, name: result.plan?.name ?? result.report?.name ?? null }),
    scenarioFile: file,
    verdict: result.report?.status ?? null,
    demonstration: demonstrationOf(result),
    step: null,
    kind: null,
    command: null,
    status: null,
    build: null,
    file: null,
    words: [],
    observed: [],
    error: null,
    finding: null,
    reason: null,
  };
}

function notRunWords(step: StepReport | undefined, report: ScenarioReport | undefined): string[] {
  if (!report) return ["not run: the run's report does not have this scenario"];
  const reason = step ? stringOf(step.evidence?.reason) : null;
  if (reason) return [`not run: ${reason}`];
  return [report.error ? `not run: ${report.error.code}: ${firstLine(report.error.message)}` : "not run"];
}

/** The step's evidence in words; its error is shown whole beside them, so not again as a line of words. */
export function stepWords(step: StepView, report: ScenarioReport | undefined): string[] {
  const reported = step.reported;
  if (!reported || step.status === "skipped") return notRunWords(reported, report);
  const words = evidenceInWords(reported);
  return reported.error && words.at(-1) === `✗ ${failedStepWords(reported)}` ? words.slice(0, -1) : words;
}
