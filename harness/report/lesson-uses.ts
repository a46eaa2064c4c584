import type { ClaimOutcome, ClaimUse, ScenarioUse } from "../lesson/coverage.js";
import type { ScenarioReport, StepReport } from "../model/report-types.js";
import { evidenceInWords, firstLine } from "./evidence-words.js";
import { builtInstructions, fileUsers, lessonFileInstructions, linesByUse } from "./lesson-file-lines.js";
import type { ClaimBinding, LessonFilePlan, ScenarioPlan } from "../scenario/plan.js";

/**
 * What a step showed of a claim it is bound to. A pass proves the claims it `claims` and contradicts those it
 * `contradicts` (a lesson defect); a failure on a healthy sandbox contradicts what it claims (the scenario's known
 * issue included); review, unverified and not run say so.
 */
function claimOutcome(claim: ClaimBinding, reported: StepReport | undefined, report: ScenarioReport): ClaimOutcome {
  const status = reported?.status;
  if (status === "passed") return claim.role === "contradicts" ? "contradicted" : "proved";
  // A step meant to show the claim false that failed did not show it false: the claim is left unverified, not a defect.
  if (status === "failed" && claim.role === "contradicts") return "unverified";
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
  steps: ReadonlyArray<{
    name: string;
    kind: "run" | "check";
    /** What a run step runs (as planned, or as run: variables filled in); null for a check. */
    command: string | null;
    runsLesson: number | null;
    cites: readonly number[];
    claims: readonly ClaimBinding[];
  }>;
}

export const useSourceOfPlan = (plan: ScenarioPlan): UseSource => ({
  ...plan,
  steps: plan.steps.map((step) => ({
    ...step,
    command: step.kind === "run" ? step.commandText : null,
    runsLesson: step.kind === "run" ? step.runsLesson : null,
  })),
});

export const useSourceOfReport = (report: ScenarioReport): UseSource => ({
  file: report.file,
  lesson: report.lesson,
  waives: report.waives ?? [],
  lessonFiles: report.lessonFiles ?? [],
  steps: report.steps.map((step) => ({
    name: step.name,
    kind: step.kind,
    command: step.kind === "run" ? step.command : null,
    runsLesson: step.runsLesson ?? null,
    cites: step.cites ?? [],
    claims: step.claims ?? [],
  })),
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
 * report, whether each step ran), its lesson files' lines (lesson-file-lines.ts), what it cites and waives. A file no
 * step used is not reached, report or not.
 */
export function lessonUse(source: ScenarioPlan | UseSource, lessonLines: readonly string[], report?: ScenarioReport): ScenarioUse {
  const plan = "publishedPorts" in source ? useSourceOfPlan(source) : source;
  const runs: ScenarioUse["runs"] = [];
  const ran = (index: number) => {
    const status = report?.steps[index]?.status;
    return status !== undefined && status !== "skipped" && status !== "unverified";
  };
  plan.steps.forEach((step, index) => {
    if (step.runsLesson !== null) runs.push({ line: step.runsLesson, ...(report ? { ran: ran(index) } : {}) });
  });
  const built = new Map<number, boolean>();
  for (const entry of report ? builtInstructions(plan, report, lessonLines) : [])
    built.set(entry.line, (built.get(entry.line) ?? false) || entry.status !== "incomplete");
  const steps = plan.steps.map((step, index) => ({ ...step, index }));
  for (const file of plan.lessonFiles) {
    for (const { line } of lessonFileInstructions(file, lessonLines)) runs.push({ line, ...(report ? { ran: built.get(line) ?? false } : {}) });
    const users = fileUsers(file, steps);
    const used = users.length > 0 && (!report || users.some((step) => ran(step.index)));
    for (const line of linesByUse(file, lessonLines)) runs.push({ line, ...(report || !used ? { ran: used } : {}) });
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
