import type { Finding, StepReport } from "../model/report-types.js";
import { STEP_ERROR_CODES } from "../support/error-codes.js";
import type { RunEventListener } from "../model/run-events.js";
import type { PlanStep, ScenarioPlan } from "../scenario/plan.js";
import { executeStep } from "./execute-step.js";
import { type Judged, judgeError, judgeOutcome, reportBase } from "./step-judgement.js";
import type { StepRunState } from "./step-state.js";

export { errorOf, reportBase, scenarioReportBase } from "./step-judgement.js";

/** Unverified steps after which the rest still runs: what follows does not need what they could not decide. */
const RUN_ON = new Set<string>([STEP_ERROR_CODES.cacheUnverified, STEP_ERROR_CODES.environment, STEP_ERROR_CODES.afterStop]);

const NOT_RUN_FOR_REVIEW = "not run: its value from the lesson is gone";

function blockedBy(steps: readonly StepReport[], deadline: number, plan: ScenarioPlan): string | null {
  if (steps.some((done) => done.status === "failed")) return "an earlier step failed";
  // A run step left unrun for review made nothing and captured nothing: what follows may need it (a check made nothing).
  if (steps.some((done) => done.kind === "run" && done.evidence.reason === NOT_RUN_FOR_REVIEW))
    return "an earlier step is for review and did not run";
  if (steps.some((done) => done.status === "unverified" && !RUN_ON.has(done.error?.code ?? ""))) return "an earlier step could not run here";
  return performance.now() > deadline ? `the scenario's ${plan.timeoutMs} ms deadline passed` : null;
}

/** The lesson's own text breaks a safety rule: never run, never a pass, and said citing its line. */
const unrunnable = (step: PlanStep, reason: string): Judged => ({
  report: {
    ...reportBase(step),
    command: step.kind === "run" ? step.commandText : null,
    status: "unverified",
    durationMs: 0,
    evidence: { reason },
    error: { code: "E_UNRUNNABLE", message: reason },
  },
  finding: { kind: "unverified", text: reason },
  stop: null,
});

/** A value the step takes from an edited claim line is gone: not run, for a maintainer to review; the rest runs on. */
const unresolved = (step: PlanStep, reason: string): Judged => {
  const message = `${reason}. Update the scenario to take the value as the line reads now, then run \`dockproof fix\` to record the text`;
  return {
    report: {
      ...reportBase(step),
      command: null,
      status: "review",
      durationMs: 0,
      evidence: { reason: NOT_RUN_FOR_REVIEW },
      error: { code: STEP_ERROR_CODES.claimReview, message },
    },
    finding: { kind: "review", text: message },
    stop: null,
  };
};

/** The plan's steps in order, each reported; a failure (or a step that cannot run here) leaves the rest unrun. */
export async function runSteps(
  plan: ScenarioPlan,
  state: StepRunState,
  deadline: number,
  emit: RunEventListener,
): Promise<{ steps: StepReport[]; findings: Finding[] }> {
  const steps: StepReport[] = [];
  const findings: Finding[] = [];
  let stoppedBy: string | null = null;
  for (const [index, step] of plan.steps.entries()) {
    const blocked = blockedBy(steps, deadline, plan);
    if (blocked) {
      steps.push({ ...reportBase(step), command: null, status: "skipped", durationMs: 0, evidence: { reason: blocked }, error: null });
      continue;
    }
    let judged: Judged;
    if (step.unresolved !== null) judged = unresolved(step, step.unresolved);
    else if (step.kind === "run" && step.unrunnable !== null) judged = unrunnable(step, step.unrunnable);
    else {
      emit({ type: "step-start", file: plan.file, index, name: step.name });
      const started = performance.now();
      try {
        judged = judgeOutcome(step, await executeStep(step, state), performance.now() - started, stoppedBy);
      } catch (error) {
        judged = judgeError(step, error, performance.now() - started, stoppedBy);
      }
    }
    stoppedBy ??= judged.stop;
    steps.push(judged.report);
    if (judged.finding)
      findings.push({ explanation: null, ...judged.finding, lessonFile: plan.lesson.file, lessonLine: judged.report.lessonLine, step: step.name });
    emit({ type: "step-end", file: plan.file, index, step: judged.report });
  }
  return { steps, findings };
}
