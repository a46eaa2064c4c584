import { DockerClient } from "../docker/docker-client.js";
import type { StartedSandbox } from "../sandbox/sandbox.js";
import type { SandboxProvider } from "../sandbox/sandbox-provider.js";
import type { BackgroundCommand } from "../commands/background-command.js";
import type { Finding, ScenarioReport, StepReport } from "../report/report-types.js";
import { isDockproofError, SandboxError } from "../support/errors.js";
import { interrupted, onInterrupt } from "../support/signal-cleanup.js";
import { executeStep, type StepRunState } from "./execute-step.js";
import { scenarioVerdict } from "./scenario-verdict.js";
import { WorkdirCopy } from "./workdir-copy.js";
import type { ScenarioPlan } from "./scenario-plan.js";
import type { RunEventListener } from "./run-events.js";

export type { Isolation } from "../sandbox/sandbox-provider.js";

export interface ScenarioEnvironment {
  sandboxes: SandboxProvider;
  /** The harness's own probe image (every sandbox has it: checks run side-cars from it). */
  probeRef: string;
  onEvent?: RunEventListener;
}

const errorOf = (error: unknown) => ({
  code: isDockproofError(error) ? error.code : "E_INTERNAL",
  message: error instanceof Error ? error.message : String(error),
});

/**
 * Readiness, not a verdict: a sandbox daemon that dies while starting (seen once in a soak under heavy load) gets
 * one more try. Every failed start is kept in the report with the daemon's last log lines, so none is hidden.
 */
async function startSandboxWithRetry(
  plan: ScenarioPlan,
  environment: ScenarioEnvironment,
  emit: RunEventListener,
): Promise<{ sandbox: StartedSandbox; failedStarts: string[] }> {
  const failedStarts: string[] = [];
  for (;;) {
    // An interrupted run is removing what it made; a sandbox started now could outlive the process.
    if (interrupted()) throw new SandboxError("E_INTERRUPTED", "the run was interrupted; no new sandbox is started");
    try {
      return {
        sandbox: await environment.sandboxes.start({ scenario: plan.file, images: plan.images, publishedPorts: plan.publishedPorts }),
        failedStarts,
      };
    } catch (error) {
      if (!(error instanceof SandboxError) || error.code !== "E_SANDBOX_START" || failedStarts.length >= 1) throw error;
      failedStarts.push(error.message);
      emit({ type: "log", message: `sandbox start failed, trying once more: ${error.message.split("\n")[0]}` });
    }
  }
}

export async function runScenario(plan: ScenarioPlan, environment: ScenarioEnvironment): Promise<ScenarioReport> {
  const emit = environment.onEvent ?? (() => {});
  const started = performance.now();
  emit({ type: "scenario-start", file: plan.file, name: plan.name });
  const steps: StepReport[] = [];
  const findings: Finding[] = [];
  const background: BackgroundCommand[] = [];
  let sandbox: StartedSandbox | undefined;
  let failedStarts: string[] = [];
  let workdir: WorkdirCopy | undefined;
  let harnessError: { code: string; message: string } | null = null;
  const unregister = onInterrupt(async () => {
    await Promise.allSettled(background.map((command) => command.stop()));
    await sandbox?.stop();
  });
  try {
    // A learner's own folder: a fresh copy of the app they clone, or an empty one; never the checkout.
    workdir = plan.workdir ? await WorkdirCopy.create(plan.workdir) : await WorkdirCopy.empty();
    ({ sandbox, failedStarts } = await startSandboxWithRetry(plan, environment, emit));
    emit({ type: "sandbox-ready", file: plan.file, readyMs: sandbox.readyMs, seedMs: sandbox.seedMs });
    const state: StepRunState = {
      variables: {},
      background,
      context: { sandbox, docker: new DockerClient(sandbox.cliEnv), probeImage: environment.probeRef, workdir: workdir.path },
      lessonFile: plan.lesson.file,
      cwd: workdir.path,
    };
    const deadline = started + plan.timeoutMs;
    for (const [index, step] of plan.steps.entries()) {
      const blocked = steps.some((done) => done.status === "failed")
        ? "an earlier step failed"
        : performance.now() > deadline
          ? `the scenario's ${plan.timeoutMs} ms deadline passed`
          : null;
      const base = { name: step.name, kind: step.kind, check: step.kind === "check" ? step.spec.check : null, lessonLine: step.lessonLine };
      if (blocked) {
        steps.push({ ...base, command: null, status: "skipped", durationMs: 0, evidence: { reason: blocked }, error: null });
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
          status: outcome.passed ? "passed" : "failed",
          durationMs: performance.now() - stepStarted,
          evidence: outcome.evidence,
          error: outcome.passed ? null : { code: "E_EXPECTATION", message: outcome.message },
        };
        if (outcome.passed && step.finding)
          findings.push({
            kind: "lesson-discrepancy",
            text: `${step.finding} — observed: ${outcome.message}`,
            lessonFile: plan.lesson.file,
            lessonLine: step.lessonLine,
            step: step.name,
          });
      } catch (error) {
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
  } catch (error) {
    harnessError = errorOf(error);
  } finally {
    await Promise.allSettled(background.map((command) => command.stop()));
    if (sandbox) await sandbox.stop().catch((error: unknown) => (harnessError ??= errorOf(error)));
    await workdir?.[Symbol.asyncDispose]();
    unregister();
  }
  const verdict = scenarioVerdict(plan, steps, harnessError);
  const report: ScenarioReport = {
    file: plan.file,
    name: plan.name,
    lesson: plan.lesson,
    status: verdict.status,
    durationMs: performance.now() - started,
    sandbox: sandbox ? { kind: sandbox.kind, readyMs: sandbox.readyMs, seedMs: sandbox.seedMs, privilege: sandbox.privilege, failedStarts } : null,
    images: plan.images,
    steps,
    findings: [...findings, ...verdict.findings],
    error: harnessError,
  };
  emit({ type: "scenario-end", file: plan.file, report });
  return report;
}
