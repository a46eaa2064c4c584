import type { Finding, ScenarioStatus, StepReport } from "../model/report-types.js";
import type { ExpectedFailure, ScenarioPlan } from "../scenario/plan.js";
import { blameOf } from "../support/error-codes.js";
import { lessonProof, NOTHING_PROVED } from "./lesson-proof.js";

const describeExpected = (failure: ExpectedFailure): string =>
  [failure.step !== null ? `step "${failure.step}"` : null, failure.message !== null ? `an error matching /${failure.message}/` : null]
    .filter(Boolean)
    .join(" with ");

/** Does this failure look as the known issue says it will (on this engine)? */
function isExpected(failure: ExpectedFailure, step: StepReport, engine: string | null): boolean {
  if (failure.engines && engine !== null && !failure.engines.includes(engine)) return false;
  if (failure.step !== null && step.name !== failure.step) return false;
  return failure.message === null || new RegExp(failure.message, "m").test(step.error?.message ?? "");
}

/**
 * A scenario's verdict from its steps. A knownIssue scenario that fails the way it documents is that lesson bug (a
 * finding, not a red run); one that fails any other way fails, saying what it expected and what it found; one that
 * passes is reported too, since the lesson may have been fixed and the marker gone stale.
 */
export function scenarioVerdict(
  plan: ScenarioPlan,
  steps: readonly StepReport[],
  harnessError: { code: string } | null,
  engine: string | null = null,
): { status: ScenarioStatus; findings: Finding[] } {
  const verdict = verdictOfSteps(plan, steps, harnessError, engine);
  // A claim that changed under its step outranks every verdict but a failure and an error: a known issue, a setup this
  // machine could not complete or a download out of reach must not hide it (exit 4, and never carried as unchanged).
  const review = steps.some((step) => step.status === "review");
  return review && ["known-issue", "unverified", "skipped"].includes(verdict.status) ? { ...verdict, status: "review" } : verdict;
}

function verdictOfSteps(
  plan: ScenarioPlan,
  steps: readonly StepReport[],
  harnessError: { code: string } | null,
  engine: string | null,
): { status: ScenarioStatus; findings: Finding[] } {
  const failedStep = steps.find((step) => step.status === "failed");
  const unverified = steps.some((step) => step.status === "unverified");
  const failed = failedStep !== undefined || harnessError !== null;
  const lessonFile = plan.lesson.file;
  const lessonLine = failedStep?.lessonLine ?? plan.lesson.lines?.[0] ?? null;
  // What the claims need could not be had here (the lesson's Dockerfile does not build on this engine, a download
  // is out of reach): the claims are unverified, neither passed nor failed.
  if (failedStep?.setup && harnessError === null) {
    const text = `setup step "${failedStep.name}" could not complete here, so the claims after it are unverified: ${failedStep.error?.message ?? "no reason given"}`;
    return { status: "unverified", findings: [{ kind: "unverified", text, lessonFile, lessonLine, step: failedStep.name }] };
  }
  const provedClaims = steps.some((step) => step.status === "passed" && (step.claims?.length ?? 0) > 0);
  // A limitation of this machine (a download out of reach), not the lesson, stopped the scenario: the claims proved
  // before it stand (unverified), else nothing was proved (skipped).
  if (failedStep?.error && harnessError === null && blameOf(failedStep.error.code) === "limitation") {
    return {
      status: provedClaims ? "unverified" : "skipped",
      findings: [{ kind: "environment-limitation", text: failedStep.error.message, lessonFile, lessonLine, step: failedStep.name }],
    };
  }
  // This machine stopped a build (a download out of reach) and no failure was decided: what the run proved before or
  // despite the stop stands, the rest is unverified; where it proved nothing, the scenario is skipped.
  const stopped = steps.some((step) => step.error?.code === "E_ENVIRONMENT");
  if (stopped && !failed && !steps.some((step) => step.status === "review")) {
    return { status: provedClaims ? "unverified" : "skipped", findings: [] };
  }
  const issue = plan.knownIssue;
  // A claim that changed under its step is for a maintainer to look at before anything counts as proved.
  const review = steps.some((step) => step.status === "review");
  const provedNothing = !failed && !review && !unverified && lessonProof(plan, steps).length === 0;
  const otherwise: ScenarioStatus = failed ? "failed" : review ? "review" : unverified || provedNothing ? "unverified" : "passed";
  const nothingProved: Finding[] = provedNothing ? [{ kind: "unverified", text: NOTHING_PROVED, lessonFile, lessonLine, step: null }] : [];
  if (issue === null) return { status: otherwise, findings: nothingProved };
  if (failedStep && harnessError === null) {
    const message = failedStep.error?.message ?? "";
    const expected = issue.expect.filter((failure) => failure.engines === null || engine === null || failure.engines.includes(engine));
    if (expected.some((failure) => isExpected(failure, failedStep, engine))) {
      return {
        status: "known-issue",
        findings: [
          { kind: "known-issue", text: `observed: ${message}`, explanation: issue.reason, lessonFile, lessonLine: issue.line, step: failedStep.name },
        ],
      };
    }
    const wanted = expected.map(describeExpected).join(", or ") || "no failure on this engine";
    const found = `found a failure${failedStep.lessonLine === null ? "" : ` at line ${failedStep.lessonLine}`} in step "${failedStep.name}": ${message}`;
    return {
      status: "failed",
      findings: [
        {
          kind: "known-issue-mismatch",
          text: `expected the known issue at line ${issue.line} (${wanted}), ${found}`,
          explanation: issue.reason,
          lessonFile,
          lessonLine: failedStep.lessonLine,
          step: failedStep.name,
        },
      ],
    };
  }
  if (failed) return { status: "failed", findings: [] };
  return {
    status: otherwise,
    findings: [
      ...nothingProved,
      {
        kind: "known-issue-not-reproduced",
        text: "marked knownIssue but every step passed: the lesson may be fixed; remove the marker if so",
        explanation: issue.reason,
        lessonFile,
        lessonLine: issue.line,
        step: null,
      },
    ],
  };
}
