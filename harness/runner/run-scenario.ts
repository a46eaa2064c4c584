import type { StartedSandbox } from "../sandbox/sandbox.js";
import type { BackgroundCommand } from "../support/background-command.js";
import type { ErrorReport } from "../support/errors.js";
import type { EngineReport, Finding, ScenarioReport, StepReport } from "../model/report-types.js";
import { redactPasswords } from "../checks/target.js";
import { ImageCatalog } from "../images/catalog.js";
import { engineFacts } from "../sandbox/engine-facts.js";
import { interrupted, onInterrupt } from "../support/signal-cleanup.js";
import type { StepRunState } from "./execute-step.js";
import { writeLessonFiles } from "./lesson-files.js";
import { type MachineFault, machineFault } from "./machine-fault.js";
import { errorOf, runSteps, scenarioReportBase } from "./run-steps.js";
import { scenarioVerdict } from "./scenario-verdict.js";
import { unavailableImageReport } from "./unavailable-images.js";
import { type MissingTools, missingTools } from "./missing-tools.js";
import { skippedReport } from "./skipped-report.js";
import type { CliPlugin } from "../commands/cli-plugins.js";
import type { WorkdirCopy } from "./workdir-copy.js";
import { type PreparedSandbox, prepareSandbox } from "./prepared-sandbox.js";
import type { ScenarioPlan } from "../scenario/plan.js";
import type { ScenarioEnvironment } from "./scenario-environment.js";

export type { Isolation } from "../sandbox/sandbox-provider.js";
export type { ScenarioEnvironment } from "./scenario-environment.js";

/** Lesson text the scenario runs or cites that changed since it was fixed: the run is about the new text. */
const lessonChangeFindings = (plan: ScenarioPlan): Finding[] =>
  plan.lessonChanges.map((change) => ({
    kind: "lesson-changed",
    // The lesson's own words, with any URI password shown as ****, as every report shows one.
    text: redactPasswords(
      `line ${change.line}${change.hint === change.line ? "" : ` (was line ${change.hint})`} now reads ${JSON.stringify(change.now.trim())}, was ${JSON.stringify(change.was.trim())}`,
    ),
    lessonFile: plan.lesson.file,
    lessonLine: change.line,
    step: null,
  }));

/**
 * One scenario on one engine. A machine fault (the sandbox's daemon died, the disk filled, the harness broke) makes it
 * an error, and it gets one more attempt on a fresh sandbox; a failure on a healthy sandbox is the lesson's verdict
 * and is never retried. Every attempt is kept in the report.
 */
export async function runScenario(
  plan: ScenarioPlan,
  environment: ScenarioEnvironment,
  /** A sandbox started ahead for this scenario (see PrestartQueue): the first attempt uses it. */
  prestarted?: Promise<PreparedSandbox>,
): Promise<ScenarioReport> {
  const declared = missingTools(plan, environment.plugins, `engine ${environment.engine}`);
  const skipped = declared
    ? skippedReport(plan, { name: environment.engine, client: null, server: null, builder: null }, declared.text, declared.reason)
    : unavailableImageReport(plan, environment.engine, environment.unavailableImages ?? new Map());
  if (skipped) {
    const run = `${plan.file}@${environment.engine}`;
    environment.onEvent?.({ type: "scenario-start", file: run, name: plan.name, engine: environment.engine });
    environment.onEvent?.({ type: "scenario-end", file: run, report: skipped });
    return skipped;
  }
  const first = await runAttempt(plan, environment, prestarted);
  if (first.status !== "error" || interrupted()) return first;
  environment.onEvent?.({
    type: "log",
    message: `${plan.file} on ${environment.engine}: ${first.error?.message.split("\n")[0] ?? "an error"}; trying once more on a fresh sandbox`,
  });
  const second = await runAttempt(plan, environment);
  return {
    ...second,
    attempts: [
      { status: first.status, error: first.error },
      { status: second.status, error: second.error },
    ],
  };
}

/** Thrown past the steps when the sandbox's docker lacks a tool the scenario needs: it is skipped, not run. */
class SkipScenario extends Error {}

function sandboxReport(
  sandbox: StartedSandbox | undefined,
  failedStarts: string[],
  prestarted: Promise<PreparedSandbox> | undefined,
  waitMs: number,
): ScenarioReport["sandbox"] {
  if (!sandbox) return null;
  return {
    kind: sandbox.kind,
    readyMs: sandbox.readyMs,
    seedMs: sandbox.seedMs,
    ...(sandbox.seeding ? { seeding: sandbox.seeding } : {}),
    privilege: sandbox.privilege,
    failedStarts,
    prestarted: prestarted !== undefined,
    waitMs,
  };
}

async function runAttempt(plan: ScenarioPlan, environment: ScenarioEnvironment, prestarted?: Promise<PreparedSandbox>): Promise<ScenarioReport> {
  const emit = environment.onEvent ?? (() => {});
  const started = performance.now();
  const run = `${plan.file}@${environment.engine}`;
  emit({ type: "scenario-start", file: run, name: plan.name, engine: environment.engine });
  let steps: StepReport[] = [];
  let findings: Finding[] = [];
  const background: BackgroundCommand[] = [];
  let sandbox: StartedSandbox | undefined;
  let failedStarts: string[] = [];
  let workdir: WorkdirCopy | undefined;
  let waitMs = 0;
  let harnessError: ErrorReport | null = null;
  let engine: EngineReport = { name: environment.engine, client: null, server: null, builder: null };
  let lacking: MissingTools | null = null;
  const unregister = onInterrupt(async () => {
    await Promise.allSettled(background.map((command) => command.stop()));
    await sandbox?.stop();
  });
  try {
    const waitStarted = performance.now();
    ({ workdir, sandbox, failedStarts } = await (prestarted ?? prepareSandbox(plan, environment, emit)));
    waitMs = performance.now() - waitStarted;
    emit({ type: "sandbox-ready", file: run, readyMs: sandbox.readyMs, seedMs: sandbox.seedMs });
    engine = { name: environment.engine, ...(await engineFacts(sandbox.engineKey, sandbox.terminal)) };
    // What the engine declares may not be what its image carries (an official tag without a plugin): asked, not assumed.
    lacking = missingTools(plan, engine.plugins as CliPlugin[] | null | undefined, `the sandbox's docker (engine ${environment.engine})`);
    if (lacking) throw new SkipScenario();
    const state: StepRunState = {
      variables: {},
      background,
      sandbox,
      context: {
        docker: sandbox.docker,
        localAddress: (port) => (sandbox as StartedSandbox).localAddress(port),
        probeImage: environment.probeRef,
        workdir: workdir.path,
        limitationsOf: ImageCatalog.limitationsOf,
      },
      lessonFile: plan.lesson.file,
      lessonFiles: plan.lessonFiles,
      cwd: workdir.path,
      images: plan.images,
    };
    await writeLessonFiles(plan, workdir.path);
    ({ steps, findings } = await runSteps(plan, state, started + plan.timeoutMs, (event) => emit("file" in event ? { ...event, file: run } : event)));
  } catch (error) {
    if (!(error instanceof SkipScenario)) harnessError = errorOf(error);
  }
  let fault: MachineFault | null = null;
  try {
    // Asked while the sandbox still exists: was it the machine, not the lesson?
    fault = await machineFault(steps, harnessError, sandbox);
  } finally {
    await Promise.allSettled(background.map((command) => command.stop()));
    if (sandbox) await sandbox.stop().catch((error: unknown) => (harnessError ??= errorOf(error)));
    await workdir?.[Symbol.asyncDispose]();
    unregister();
  }
  if (lacking && !fault && !harnessError) {
    const skipped = skippedReport(plan, engine, lacking.text, lacking.reason, sandboxReport(sandbox, failedStarts, prestarted, waitMs));
    const report = { ...skipped, durationMs: performance.now() - started };
    emit({ type: "scenario-end", file: run, report });
    return report;
  }
  // Whatever the harness itself could not do (including its clean-up) is this machine's fault, not the lesson's.
  fault ??= harnessError;
  const verdict = fault ? { status: "error" as const, findings: [] } : scenarioVerdict(plan, steps, null, environment.engine);
  const report: ScenarioReport = {
    ...scenarioReportBase(plan),
    engine,
    status: verdict.status,
    durationMs: performance.now() - started,
    sandbox: sandboxReport(sandbox, failedStarts, prestarted, waitMs),
    steps,
    findings: [...lessonChangeFindings(plan), ...findings, ...verdict.findings],
    lessonChanges: plan.lessonChanges.map(({ line, was, now }) => ({ line, was, now })),
    error: fault ?? harnessError,
  };
  emit({ type: "scenario-end", file: run, report });
  return report;
}
