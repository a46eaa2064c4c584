import { buildInvocation, expandCommand, expandText } from "../steps/command-line.js";
import { BackgroundCommand } from "../steps/background-command.js";
import { runProcess, type ProcessResult } from "../support/run-process.js";
import { checkOutput } from "../expectations/output-expectation.js";
import { buildEvidence, checkBuild, readBuild } from "../expectations/build-evidence.js";
import { checkImageLayers, checkLayersShared, checkValues } from "../expectations/image-checks.js";
import { classifyBuildFailure } from "../builds/index.js";
import { checkResolves } from "../expectations/resolve-check.js";
import { checkReachable } from "../expectations/reach-check.js";
import { checkLogsContain } from "../expectations/logs-check.js";
import { eventually } from "../expectations/eventually.js";
import { checkMongoCount, checkMongoReady, insertMongoDocuments } from "../expectations/mongo-checks.js";
import type { CheckContext, CheckOutcome } from "../expectations/check-outcome.js";
import { StepError } from "../support/errors.js";
import { formatMs } from "../support/deadline.js";
import type { RunnableCheckStep, RunnableRunStep, RunnableStep } from "./runnable-step.js";

export interface StepRunState {
  variables: Record<string, string>;
  background: BackgroundCommand[];
  context: CheckContext;
  lessonFile: string;
  cwd: string;
}

export interface StepOutcome extends CheckOutcome {
  command: string;
  /** A more precise lesson line than the step's own, e.g. the Dockerfile instruction a build failed at. */
  lessonLine?: number;
}

const BACKGROUND_SETTLE_MS = 1_000;

const quoteArg = (arg: string): string => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`);

async function executeRun(step: RunnableRunStep, state: StepRunState): Promise<StepOutcome> {
  const argv = expandCommand(step.command, state.variables);
  const command = argv.map(quoteArg).join(" ");
  const env = { ...process.env, ...state.context.sandbox.cliEnv } as Record<string, string>;
  if (step.background) {
    const background = new BackgroundCommand(argv, { env, cwd: state.cwd });
    state.background.push(background);
    // A learner's second terminal: it keeps running, but a command that dies at once is a failure now, not later.
    await new Promise((resolve) => setTimeout(resolve, BACKGROUND_SETTLE_MS));
    const exited = background.exited;
    const evidence = { pid: background.pid, runningAfterMs: exited ? null : BACKGROUND_SETTLE_MS, exit: exited ?? null, output: background.tail(10) };
    if (exited && exited.exitCode !== 0) {
      return {
        command,
        passed: false,
        message: `expected the background command to keep running, it exited with ${exited.signal ?? exited.exitCode}: ${background.tail(5)}`,
        evidence,
      };
    }
    return { command, passed: true, message: exited ? "background command finished" : "running in the background", evidence };
  }
  const result = await runProcess(argv, { env, timeoutMs: step.timeoutMs, cwd: state.cwd });
  if (result.spawnError) throw new StepError("E_SPAWN", `could not start \`${command}\`: ${result.spawnError.message}`);
  if (result.timedOut) {
    const where = step.lessonLine === null ? "" : ` (${state.lessonFile}:${step.lessonLine})`;
    throw new StepError(
      "E_HANG",
      `\`${step.commandText}\`${where} did not return within ${formatMs(step.timeoutMs)}: it hangs in the foreground. ` +
        "If the lesson leaves it running (a learner's second terminal), mark the step `background: true`.",
    );
  }
  const build = await buildOutcome(step, argv, result, state.cwd);
  const output = checkOutput(result, step.expect);
  const passed = output.passed && (build?.outcome.passed ?? true);
  if (passed && step.capture) state.variables[step.capture] = result.stdout.trim();
  // A failed build is explained by the builder's own reason (instruction, line, why), not by "exit code 1".
  const message = !output.passed
    ? (build?.failureExplanation ?? output.message)
    : build && !build.outcome.passed
      ? build.outcome.message
      : build
        ? `${output.message}; ${build.outcome.message}`
        : output.message;
  const failedLine = build?.failedDockerfileLine ?? null;
  return {
    command,
    passed,
    message,
    ...(step.dockerfileLessonLine !== null && failedLine !== null ? { lessonLine: step.dockerfileLessonLine + failedLine - 1 } : {}),
    evidence: {
      ...output.evidence,
      durationMs: Math.round(result.durationMs),
      ...(build ? { build: build.evidence } : {}),
      ...(step.capture ? { captured: { [step.capture]: result.stdout.trim() } } : {}),
    },
  };
}

/**
 * A `docker build` is read instruction by instruction (cached or ran, layer, time). A build that failed because
 * this machine cannot reach a download is an environment limitation, never a verdict on the lesson.
 */
async function buildOutcome(
  step: RunnableRunStep,
  argv: readonly string[],
  result: ProcessResult,
  cwd: string,
): Promise<{
  evidence: Record<string, unknown>;
  outcome: CheckOutcome;
  failureExplanation: string | null;
  failedDockerfileLine: number | null;
} | null> {
  const invocation = buildInvocation(argv);
  if (!invocation) return null;
  const build = await readBuild(result, cwd, invocation);
  const failure = classifyBuildFailure(build);
  if (failure?.cause === "environment") throw new StepError("E_ENVIRONMENT", failure.explanation);
  const outcome = step.expect.build ? checkBuild(build, step.expect.build) : { passed: true, message: "", evidence: {} };
  const failed = failure !== null && result.exitCode !== 0;
  return {
    evidence: buildEvidence(build, failure),
    outcome,
    failureExplanation: failed ? failure.explanation : null,
    failedDockerfileLine: failed ? (failure.step?.dockerfileLine ?? null) : null,
  };
}

async function executeCheck(step: RunnableCheckStep, state: StepRunState): Promise<StepOutcome> {
  const text = (value: string): string => expandText(value, state.variables);
  const context = { ...state.context, attemptTimeoutMs: step.timeoutMs };
  const spec = step.spec;
  const once = (): Promise<CheckOutcome> => {
    switch (spec.check) {
      case "resolves":
      case "does-not-resolve":
        return checkResolves(context, text(spec.from), text(spec.hostname), spec.check === "resolves");
      case "reachable":
      case "unreachable":
        return checkReachable(
          context,
          text(spec.target),
          spec.from === undefined ? undefined : text(spec.from),
          spec.check === "reachable",
          spec.check === "reachable" ? spec.response : undefined,
        );
      case "logs-contain":
        return checkLogsContain(context, text(spec.container), text(spec.text));
      case "mongo-ready":
        return checkMongoReady(context, text(spec.target));
      case "mongo-insert":
        return insertMongoDocuments(context, text(spec.target), text(spec.database), text(spec.collection), spec.documents);
      case "mongo-count":
        return checkMongoCount(context, text(spec.target), text(spec.database), text(spec.collection), spec.equals);
      case "image-layers":
        return checkImageLayers(context, state.cwd, text(spec.image), text(spec.base), spec.dockerfile);
      case "layers-shared":
        return checkLayersShared(context, text(spec.images[0]), text(spec.images[1]), spec.atLeast);
      case "values-equal":
      case "values-differ":
        return Promise.resolve(checkValues(text(spec.left), text(spec.right), spec.check === "values-equal"));
    }
  };
  const outcome = step.eventuallyMs === null ? await once() : await eventually(once, step.eventuallyMs);
  return { command: text(step.description), ...outcome };
}

export function executeStep(step: RunnableStep, state: StepRunState): Promise<StepOutcome> {
  return step.kind === "run" ? executeRun(step, state) : executeCheck(step, state);
}
