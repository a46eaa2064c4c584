import type { Finding, ScenarioStatus, StepReport } from "../model/report-types.js";
import type { ExpectedFailure, ScenarioPlan } from "../scenario/plan.js";
import { blameOf } from "../support/error-codes.js";

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
  // A limitation of this machine (a download out of reach), not the lesson, stopped the scenario: nothing was proved.
  if (failedStep?.error && blameOf(failedStep.error.code) === "limitation") {
    return {
      status: "skipped",
      findings: [{ kind: "environment-limitation", text: failedStep.error.message, lessonFile, lessonLine, step: failedStep.name }],
    };
  }
  const issue = plan.knownIssue;
  const otherwise: ScenarioStatus = failed ? "failed" : unverified ? "unverified" : "passed";
  if (issue === null) return { status: otherwise, findings: [] };
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
