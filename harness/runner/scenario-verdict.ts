import type { Finding, ScenarioStatus, StepReport } from "../report/report-types.js";
import type { ScenarioPlan } from "./scenario-plan.js";

/**
 * A knownIssue scenario that fails is the documented lesson bug (a finding, not a red run);
 * one that passes is reported too, since the lesson may have been fixed and the marker gone stale.
 */
export function scenarioVerdict(
  plan: ScenarioPlan,
  steps: readonly StepReport[],
  harnessError: { code: string } | null,
): { status: ScenarioStatus; findings: Finding[] } {
  const failedStep = steps.find((step) => step.status === "failed");
  const failed = failedStep !== undefined || harnessError !== null;
  const lessonLine = failedStep?.lessonLine ?? plan.lesson.lines?.[0] ?? null;
  // This machine, not the lesson, stopped the scenario: nothing was proved either way.
  if (failedStep?.error?.code === "E_ENVIRONMENT") {
    return {
      status: "skipped",
      findings: [{ kind: "environment-limitation", text: failedStep.error.message, lessonFile: plan.lesson.file, lessonLine, step: failedStep.name }],
    };
  }
  if (plan.knownIssue === null) return { status: failed ? "failed" : "passed", findings: [] };
  if (failed && harnessError === null) {
    const detail = failedStep?.error?.message ?? "";
    return {
      status: "known-issue",
      findings: [
        {
          kind: "known-issue",
          text: `${plan.knownIssue}${detail ? ` — observed: ${detail}` : ""}`,
          lessonFile: plan.lesson.file,
          lessonLine,
          step: failedStep?.name ?? null,
        },
      ],
    };
  }
  if (failed) return { status: "failed", findings: [] };
  return {
    status: "passed",
    findings: [
      {
        kind: "known-issue-not-reproduced",
        text: `marked knownIssue ("${plan.knownIssue}") but every step passed: the lesson may be fixed; remove the marker if so`,
        lessonFile: plan.lesson.file,
        lessonLine,
        step: null,
      },
    ],
  };
}
