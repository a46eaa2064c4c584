import type { ClaimOutcome, ClaimUse, ScenarioUse } from "../lesson/coverage.js";
import { dockerfileBlocks, type LessonLine } from "../lesson/lesson-text.js";
import type { ScenarioReport, StepReport } from "../model/report-types.js";
import { evidenceInWords, firstLine } from "./evidence-words.js";
import { type ClaimBinding, type LessonFilePlan, lessonLineOf, type ScenarioPlan } from "../scenario/plan.js";

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** One instruction of a lesson file's Dockerfile as a reported build did it. */
export interface BuiltInstruction {
  /** The lesson line of the instruction. */
  line: number;
  /** Index of the build step in the scenario's steps. */
  step: number;
  instruction: string;
  cached: boolean;
  /**
   * The builder's status (done, cached, failed; incomplete: never reached). metadata: an instruction the builder
   * lists no step for (BuildKit shows no EXPOSE or CMD) in a build that got past it.
   */
  status: "done" | "cached" | "failed" | "incomplete" | "metadata";
}

/** The instruction lines of a lesson file (its Dockerfile block), as lesson lines. */
export function lessonFileInstructions(file: Pick<LessonFilePlan, "lines">, lessonLines: readonly string[]): LessonLine[] {
  return dockerfileBlocks(lessonLines.slice(0, file.lines[1]))
    .flatMap((block) => block.instructions)
    .filter((entry) => entry.line >= file.lines[0]);
}

const STATUSES = new Set(["done", "cached", "failed", "incomplete"]);

/** Every instruction of the scenario's lesson files, per reported build of one of them, in lesson order. */
export function builtInstructions(
  plan: { lessonFiles: ReadonlyArray<Pick<LessonFilePlan, "path" | "lines" | "offset">> },
  report: ScenarioReport,
  lessonLines: readonly string[],
): BuiltInstruction[] {
  const built: BuiltInstruction[] = [];
  report.steps.forEach((step, index) => {
    const build = isRecord(step.evidence?.build) ? step.evidence.build : null;
    const file = plan.lessonFiles.find((candidate) => build && build.dockerfile === candidate.path);
    if (!file || !Array.isArray(build?.steps)) return;
    const named = new Map<number, Record<string, unknown>>();
    for (const entry of build.steps) {
      // A line of the scenario's own (`before`) is no lesson line.
      const line = isRecord(entry) && typeof entry.line === "number" ? lessonLineOf(file, entry.line) : null;
      if (line !== null) named.set(line, entry as Record<string, unknown>);
    }
    // The first instruction the builder failed (Infinity when it named none).
    const failedAt = Math.min(...[...named].filter(([, entry]) => entry.status === "failed").map(([line]) => line));
    for (const { line, text } of lessonFileInstructions(file, lessonLines)) {
      const entry = named.get(line);
      const status = typeof entry?.status === "string" && STATUSES.has(entry.status) ? (entry.status as BuiltInstruction["status"]) : undefined;
      if (entry && status) {
        const instruction = typeof entry.instruction === "string" ? entry.instruction : text;
        built.push({ line, step: index, instruction, cached: entry.cached === true, status });
      } else {
        // Unlisted: part of a build that made its image, or got past this line before it failed; else never reached.
        const madeImage = typeof build.imageId === "string" && build.imageId !== "";
        const reached = madeImage || (Number.isFinite(failedAt) && line < failedAt);
        built.push({ line, step: index, instruction: text, cached: false, status: reached ? "metadata" : "incomplete" });
      }
    }
  });
  return built;
}

/**
 * What a step showed of a claim it is bound to. A pass proves the claims it `claims` and contradicts those it
 * `contradicts` (a lesson defect); a failure on a healthy sandbox contradicts what it claims (the scenario's known
 * issue included); review, unverified and not run say so.
 */
function claimOutcome(claim: ClaimBinding, reported: StepReport | undefined, report: ScenarioReport): ClaimOutcome {
  const status = reported?.status;
  if (status === "passed") return claim.role === "contradicts" ? "contradicted" : "proved";
  if (status === "failed") return report.status === "failed" || report.status === "known-issue" ? "contradicted" : "unverified";
  if (status === "review" || status === "unverified") return status;
  // Not run because this machine could not (a setup it could not complete, a download out of reach): unverified here;
  // not run after a failure elsewhere: not run.
  return report.status === "unverified" || report.status === "skipped" || report.status === "error" ? "unverified" : "not-run";
}

/**
 * What the ledger reads of a scenario: a plan has it all; a run's report carries it too (its steps' lesson lines,
 * claims and citations, its waivers and lesson files), so the ledger of a run needs no plan.
 */
export interface UseSource {
  file: string;
  lesson: { section: string };
  waives: ReadonlyArray<{ line: number; reason: string }>;
  lessonFiles: ReadonlyArray<Pick<LessonFilePlan, "path" | "lines" | "offset">>;
  steps: ReadonlyArray<{ name: string; runsLesson: number | null; cites: readonly number[]; claims: readonly ClaimBinding[] }>;
}

export const useSourceOfPlan = (plan: ScenarioPlan): UseSource => ({
  ...plan,
  steps: plan.steps.map((step) => ({ ...step, runsLesson: step.kind === "run" ? step.runsLesson : null })),
});

export const useSourceOfReport = (report: ScenarioReport): UseSource => ({
  file: report.file,
  lesson: report.lesson,
  waives: report.waives ?? [],
  lessonFiles: report.lessonFiles ?? [],
  steps: report.steps.map((step) => ({ name: step.name, runsLesson: step.runsLesson ?? null, cites: step.cites ?? [], claims: step.claims ?? [] })),
});

/** The lesson lines of the known issues a report reproduced: lines that fail as the lesson writes them. */
const knownIssueLines = (report: ScenarioReport): number[] =>
  report.status === "known-issue"
    ? report.findings.flatMap((finding) => (finding.kind === "known-issue" && finding.lessonLine !== null ? [finding.lessonLine] : []))
    : [];

function claimUses(plan: UseSource, report: ScenarioReport | undefined): ClaimUse[] {
  const engine = report?.engine?.name ?? null;
  return plan.steps.flatMap((step, index) =>
    step.claims.map((claim): ClaimUse => {
      const use: ClaimUse = { line: claim.line, scenario: plan.file, step: step.name };
      if (!report) return use;
      const reported = report.steps[index];
      const words = reported ? evidenceInWords(reported) : [];
      if (reported?.error && reported.status !== "failed") words.push(firstLine(reported.error.message));
      return { ...use, engine, outcome: claimOutcome(claim, reported, report), words };
    }),
  );
}

/**
 * What a scenario does with its lesson's lines, for the coverage ledger: the lines its steps run (and, given its
 * report, whether each step ran), its lesson files' instructions, what it cites and waives.
 */
export function lessonUse(source: ScenarioPlan | UseSource, lessonLines: readonly string[], report?: ScenarioReport): ScenarioUse {
  const plan = "publishedPorts" in source ? useSourceOfPlan(source) : source;
  const runs: ScenarioUse["runs"] = [];
  plan.steps.forEach((step, index) => {
    if (step.runsLesson === null) return;
    const status = report?.steps[index]?.status;
    runs.push({ line: step.runsLesson, ...(report ? { ran: status !== undefined && status !== "skipped" && status !== "unverified" } : {}) });
  });
  const built = new Map<number, boolean>();
  for (const entry of report ? builtInstructions(plan, report, lessonLines) : [])
    built.set(entry.line, (built.get(entry.line) ?? false) || entry.status !== "incomplete");
  for (const file of plan.lessonFiles) {
    for (const { line } of lessonFileInstructions(file, lessonLines)) runs.push({ line, ...(report ? { ran: built.get(line) ?? false } : {}) });
  }
  return {
    scenario: plan.file,
    runs,
    cites: [...new Set(plan.steps.flatMap((step) => step.cites))],
    claims: claimUses(plan, report),
    waives: [...plan.waives],
    section: plan.lesson.section,
    ...(report ? { defects: knownIssueLines(report) } : {}),
  };
}
