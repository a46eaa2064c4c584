/**
 * What a step's run means, as a report: its outcome (or what it threw) turned into a status, an error and at most
 * one finding, under three rules that keep a pass meaning something. A claim that changed under its step is review.
 * After this machine stopped a build (a download out of reach), what follows still runs, but only a build's own
 * record decides anything: any other step's failure or pass may be the stop's doing, so it is unverified. What a
 * stand-in does not do decides nothing (unverified, with the catalog's reason).
 */
import { SubstituteGapError } from "../checks/index.js";
import { redactPasswords } from "../checks/target.js";
import type { Finding, StepReport } from "../model/report-types.js";
import type { PlanStep, ScenarioPlan } from "../scenario/plan.js";
import { STEP_ERROR_CODES } from "../support/error-codes.js";
import { errorReport } from "../support/errors.js";
import type { StepOutcome } from "./step-state.js";

/** A thrown error as the report keeps it; one that is not a DockproofError is dockproof's bug, kept with its stack. */
export const errorOf = errorReport;

export type StepFinding = Pick<Finding, "kind" | "text"> & { explanation?: string | null };

export interface Judged {
  report: StepReport;
  finding: StepFinding | null;
  /** This step's build was stopped by this machine: in words, for the steps after it. */
  stop: string | null;
}

/** What every report of a scenario says of its plan, whether it ran or not: enough for the ledger to read it alone. */
export const scenarioReportBase = (plan: ScenarioPlan) => ({
  file: plan.file,
  name: plan.name,
  demonstration: plan.demonstration,
  lesson: plan.lesson,
  images: plan.images,
  waives: plan.waives,
  lessonFiles: plan.lessonFiles.map(({ path, lines, offset }) => ({ path, lines, offset })),
});

/** What every report of a step says of it, whether it ran or not. */
export const reportBase = (step: PlanStep) => ({
  name: step.name,
  kind: step.kind,
  check: step.kind === "check" ? step.spec.check : null,
  lessonLine: step.lessonLine,
  runsLesson: step.kind === "run" ? step.runsLesson : null,
  cites: step.cites,
  claims: step.claims,
  values: step.values.map((value) => ({ ...value, value: redactPasswords(value.value) })),
  setup: step.setup,
  lessonChange:
    step.kind === "run" && step.fromLesson?.was != null ? { line: step.fromLesson.line, was: step.fromLesson.was, now: step.commandText } : null,
});

/** Where the texts a failed step used came from, when the lesson gave them: the line to look at first. */
const fromLesson = (step: PlanStep): string =>
  step.values.length === 0
    ? ""
    : ` (${step.values.map((value) => `${value.field} ${JSON.stringify(redactPasswords(value.value))} is lesson line ${value.line}'s`).join("; ")})`;

/** Why a step that proves a changed (or never recorded) claim stands for nothing yet; null when it is bound. */
function reviewOf(step: PlanStep, observed: string): string | null {
  const reasons = step.claims.flatMap((claim) => (claim.review === null ? [] : [claim.review]));
  if (reasons.length === 0) return null;
  return `${reasons.join("; ")}; the step observed: ${observed}. Update the scenario to prove the claim as it reads now, then run \`dockproof fix\` to record the text`;
}

const afterStop = (stop: string, observed: string) =>
  `this machine stopped an earlier build (${stop}), so what this step saw may be that stop's doing, not the lesson's: it observed ${observed}`;

/** A step's outcome as a report. `stoppedBy`: an earlier build this machine stopped, or null. */
export function judgeOutcome(step: PlanStep, outcome: StepOutcome, durationMs: number, stoppedBy: string | null): Judged {
  const base = {
    ...reportBase(step),
    lessonLine: outcome.lessonLine ?? step.lessonLine,
    command: outcome.command,
    durationMs,
    evidence: outcome.evidence,
  };
  const observed = outcome.message;
  const review = reviewOf(step, observed);
  const isBuild = "build" in outcome.evidence;
  if (outcome.environment !== undefined) {
    // The stopped build itself: its record decides what it can (see execute-run's stoppedBuild).
    const stop = outcome.environment;
    const status = outcome.unverified !== undefined ? "unverified" : outcome.passed ? "passed" : "failed";
    const error =
      status === "unverified"
        ? { code: "E_ENVIRONMENT", message: observed }
        : status === "failed"
          ? { code: "E_EXPECTATION", message: observed }
          : null;
    const finding: StepFinding | null = stoppedBy === null ? { kind: "environment-limitation", text: stop } : null;
    if (review && status !== "unverified")
      return {
        report: { ...base, status: "review", error: { code: "E_CLAIM_REVIEW", message: review } },
        finding: { kind: "review", text: review },
        stop,
      };
    return { report: { ...base, status, error }, finding, stop };
  }
  if (stoppedBy !== null && !isBuild && (!outcome.passed || step.kind === "check" || step.claims.length > 0)) {
    const message = afterStop(stoppedBy, observed);
    return {
      report: { ...base, status: "unverified", error: { code: STEP_ERROR_CODES.afterStop, message } },
      finding: { kind: "unverified", text: message },
      stop: null,
    };
  }
  if (review)
    return {
      report: { ...base, status: "review", error: { code: "E_CLAIM_REVIEW", message: review } },
      finding: { kind: "review", text: review },
      stop: null,
    };
  if (outcome.unverified !== undefined) {
    const report: StepReport = { ...base, status: "unverified", error: { code: "E_CACHE_UNVERIFIED", message: outcome.unverified } };
    return { report, finding: { kind: "unverified", text: outcome.unverified }, stop: null };
  }
  if (!outcome.passed)
    return {
      report: { ...base, status: "failed", error: { code: "E_EXPECTATION", message: `${observed}${fromLesson(step)}` } },
      finding: null,
      stop: null,
    };
  const finding = step.remark ? { kind: step.remark.kind, text: `observed: ${observed}`, explanation: step.remark.text } : null;
  return { report: { ...base, status: "passed", error: null }, finding, stop: null };
}

/** What a step threw, as a report: a stand-in's gap or anything after a stop is unverified; the rest failed. */
export function judgeError(step: PlanStep, error: unknown, durationMs: number, stoppedBy: string | null): Judged {
  const base = { ...reportBase(step), durationMs };
  if (error instanceof SubstituteGapError) {
    const report: StepReport = { ...base, command: null, status: "unverified", evidence: error.evidence, error: errorOf(error) };
    return { report, finding: { kind: "unverified", text: error.message }, stop: null };
  }
  const command = step.kind === "run" ? step.commandText : null;
  if (stoppedBy !== null) {
    const message = afterStop(stoppedBy, errorOf(error).message);
    return {
      report: { ...base, command, status: "unverified", evidence: {}, error: { code: STEP_ERROR_CODES.afterStop, message } },
      finding: { kind: "unverified", text: message },
      stop: null,
    };
  }
  return { report: { ...base, command, status: "failed", evidence: {}, error: errorOf(error) }, finding: null, stop: null };
}
