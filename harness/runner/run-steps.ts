import { SubstituteGapError } from "../checks/index.js";
import type { Finding, StepReport } from "../model/report-types.js";
import { errorReport } from "../support/errors.js";
import { executeStep } from "./execute-step.js";
import type { RunEventListener } from "../model/run-events.js";
import type { PlanStep } from "../scenario/plan.js";
import type { ScenarioPlan } from "../scenario/plan.js";
import type { StepRunState } from "./step-state.js";

/** A thrown error as the report keeps it; one that is not a DockproofError is dockproof's bug, kept with its stack. */
export const errorOf = errorReport;

function blockedBy(steps: readonly StepReport[], deadline: number, plan: ScenarioPlan): string | null {
  if (steps.some((done) => done.status === "failed")) return "an earlier step failed";
  // A step that ran but whose cache claim cannot be checked here leaves what follows runnable.
  if (steps.some((done) => done.status === "unverified" && done.error?.code !== "E_CACHE_UNVERIFIED")) return "an earlier step could not run here";
  return performance.now() > deadline ? `the scenario's ${plan.timeoutMs} ms deadline passed` : null;
}

/** What every report of a step says of it, whether it ran or not. */
export const reportBase = (step: PlanStep) => ({
  name: step.name,
  kind: step.kind,
  check: step.kind === "check" ? step.spec.check : null,
  lessonLine: step.lessonLine,
  cites: step.cites,
  setup: step.setup,
  lessonChange:
    step.kind === "run" && step.fromLesson?.was != null ? { line: step.fromLesson.line, was: step.fromLesson.was, now: step.commandText } : null,
});

/** The plan's steps in order, each reported; a failure (or a step that cannot run here) leaves the rest unrun. */
export async function runSteps(
  plan: ScenarioPlan,
  state: StepRunState,
  deadline: number,
  emit: RunEventListener,
): Promise<{ steps: StepReport[]; findings: Finding[] }> {
  const steps: StepReport[] = [];
  const findings: Finding[] = [];
  const finding = (kind: Finding["kind"], text: string, step: PlanStep, explanation: string | null = null): void => {
    findings.push({ kind, text, explanation, lessonFile: plan.lesson.file, lessonLine: step.lessonLine, step: step.name });
  };
  for (const [index, step] of plan.steps.entries()) {
    const base = reportBase(step);
    const blocked = blockedBy(steps, deadline, plan);
    if (blocked) {
      steps.push({ ...base, command: null, status: "skipped", durationMs: 0, evidence: { reason: blocked }, error: null });
      continue;
    }
    if (step.kind === "run" && step.unrunnable !== null) {
      // The lesson's own text breaks a safety rule: never run, never a pass, and said citing its line.
      const report: StepReport = {
        ...base,
        command: step.commandText,
        status: "unverified",
        durationMs: 0,
        evidence: { reason: step.unrunnable },
        error: { code: "E_UNRUNNABLE", message: step.unrunnable },
      };
      steps.push(report);
      finding("unverified", step.unrunnable, step);
      emit({ type: "step-end", file: plan.file, index, step: report });
      continue;
    }
    emit({ type: "step-start", file: plan.file, index, name: step.name });
    const stepStarted = performance.now();
    let report: StepReport;
    try {
      const outcome = await executeStep(step, state);
      report = {
        ...base,
        lessonLine: outcome.lessonLine ?? step.lessonLine,
        command: outcome.command,
        status: outcome.unverified ? "unverified" : outcome.passed ? "passed" : "failed",
        durationMs: performance.now() - stepStarted,
        evidence: outcome.evidence,
        error: outcome.unverified
          ? { code: "E_CACHE_UNVERIFIED", message: outcome.unverified }
          : outcome.passed
            ? null
            : { code: "E_EXPECTATION", message: outcome.message },
      };
      if (outcome.unverified) finding("unverified", outcome.unverified, step);
      else if (outcome.passed && step.remark) finding(step.remark.kind, `observed: ${outcome.message}`, step, step.remark.text);
    } catch (error) {
      if (error instanceof SubstituteGapError) {
        // What the substitute does not do decides nothing about the lesson: unverified, with the catalog's reason.
        report = {
          ...base,
          command: null,
          status: "unverified",
          durationMs: performance.now() - stepStarted,
          evidence: error.evidence,
          error: errorOf(error),
        };
        finding("unverified", error.message, step);
        steps.push(report);
        emit({ type: "step-end", file: plan.file, index, step: report });
        continue;
      }
      report = {
        ...base,
        command: step.kind === "run" ? step.commandText : null,
        status: "failed",
        durationMs: performance.now() - stepStarted,
        evidence: {},
        error: errorOf(error),
      };
    }
    steps.push(report);
    emit({ type: "step-end", file: plan.file, index, step: report });
  }
  return { steps, findings };
}
