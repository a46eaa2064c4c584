import { checkOutput } from "../checks/output-expectation.js";
import { expandStepTexts } from "../checks/index.js";
import { RUN_STEP_VARIABLE_FIELDS } from "../scenario/step-schema.js";
import { expandCommand } from "../commands/command-line.js";
import { lookupVariable } from "../commands/variables.js";
import { formatMs } from "../support/deadline.js";
import { StepError } from "../support/errors.js";
import type { TerminalCommand } from "../terminal/terminal.js";
import { unansweredPrompt } from "../terminal/unanswered-prompt.js";
import { type BuildOutcome, buildOutcome, failedLessonLine, runMessage } from "./build-outcome.js";
import { checkSubstituteSymptom } from "./substitute-symptom.js";
import { executeInterrupted } from "./execute-interrupted.js";
import type { RunPlanStep } from "../scenario/plan.js";
import type { StepOutcome, StepRunState } from "./step-state.js";

const BACKGROUND_SETTLE_MS = 1_000;

const quoteArg = (arg: string): string => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`);
/** `${name}` in `expect` texts; in `matches` a captured value matches only itself. */
const expandExpect = (step: RunPlanStep, variables: Record<string, string>): RunPlanStep["spec"]["expect"] =>
  expandStepTexts({ expect: step.spec.expect }, RUN_STEP_VARIABLE_FIELDS, (name) => lookupVariable(variables, name)).expect;

async function startBackground(command: TerminalCommand, shown: string, state: StepRunState, env: Record<string, string>): Promise<StepOutcome> {
  const background = state.sandbox.terminal.start(command, { env });
  state.background.push(background);
  // A learner's second terminal: it keeps running, but a command that dies at once is a failure now, not later.
  await new Promise((resolve) => setTimeout(resolve, BACKGROUND_SETTLE_MS));
  const exited = background.exited;
  const evidence = { pid: background.pid, runningAfterMs: exited ? null : BACKGROUND_SETTLE_MS, exit: exited ?? null, output: background.tail(10) };
  // A background step stands for a learner's second terminal: one that ends at once (even with 0, as `docker logs`
  // without -f does) showed nothing of what keeps running.
  if (exited) {
    const message = `expected \`${shown}\` to keep running (background: true), it exited at once with ${exited.signal ?? exited.exitCode}: ${background.tail(5).trim() || "(no output)"}; if it is meant to return, drop \`background: true\``;
    return { command: shown, passed: false, message, evidence };
  }
  return { command: shown, passed: true, message: "running in the background", evidence };
}

/**
 * A build this machine stopped (a download out of reach): its exit code says nothing of the lesson, but what it did
 * before it stopped decides its cache expectation where it can — an instruction said to stay cached that ran again
 * fails it by execution; what it did not get through is unverified, and so is a build with no expectation.
 */
function stoppedBuild(step: RunPlanStep, build: BuildOutcome, shown: string, state: StepRunState, output: Record<string, unknown>): StepOutcome {
  const environment = build.environment ?? "";
  const evidence = { ...output, build: build.evidence };
  if (!build.outcome.passed) {
    const lessonLine = failedLessonLine(build, state.cwd, state.lessonFiles);
    const message = `${build.outcome.message}; decided by what the build did before this machine stopped it: ${environment}`;
    return { command: shown, passed: false, message, environment, evidence, ...(lessonLine !== null ? { lessonLine } : {}) };
  }
  const undecided = step.spec.expect.build ? build.outcome.undecided : ["whether the build completes"];
  if (undecided.length === 0) {
    return { command: shown, passed: true, message: `${build.outcome.message} (before the build stopped: ${environment})`, environment, evidence };
  }
  const message = `${environment} Undecided here: ${undecided.join("; ")}.`;
  return { command: shown, passed: false, message, unverified: message, environment, evidence };
}

export async function executeRun(step: RunPlanStep, state: StepRunState): Promise<StepOutcome> {
  if (step.command === null && !step.spec.shell) throw new StepError("E_UNRUNNABLE", step.unrunnable ?? `\`${step.commandText}\` cannot run here`);
  const argv = step.command ? expandCommand(step.command, state.variables) : null;
  const command: TerminalCommand = argv ? { argv } : { script: step.commandText };
  const shown = argv ? argv.map(quoteArg).join(" ") : step.commandText;
  // A shell line reads captured values as environment variables: nothing is spliced into its text.
  const env = step.spec.shell ? { ...state.variables } : {};
  if (step.spec.background) return startBackground(command, shown, state, env);
  if (step.spec.interrupt) return executeInterrupted(step, step.spec.interrupt, command, shown, state, env);
  const result = await state.sandbox.terminal.run(command, {
    timeoutMs: step.spec.timeoutMs,
    env,
    tty: step.spec.tty,
    ...(step.spec.input === undefined ? {} : { input: step.spec.input }),
  });
  if (result.spawnError) throw new StepError("E_SPAWN", `could not start \`${shown}\`: ${result.spawnError.message}`);
  if (result.timedOut) {
    const where = step.lessonLine === null ? "" : ` (${state.lessonFile}:${step.lessonLine})`;
    throw new StepError(
      "E_HANG",
      `\`${step.commandText}\`${where} did not return within ${formatMs(step.spec.timeoutMs)}: it hangs in the foreground. ` +
        "If the lesson leaves it running (a learner's second terminal), mark the step `background: true`.",
    );
  }
  const asked = step.spec.input === undefined ? unansweredPrompt(result) : null;
  const build = argv ? await buildOutcome(step, argv, result, state.cwd, state.sandbox.buildCache) : null;
  const output = checkOutput(result, expandExpect(step, state.variables));
  if (asked !== null) {
    const message = `\`${step.commandText}\` asked ${JSON.stringify(asked)} and got no answer; give \`input:\` (what the learner types)`;
    return { command: shown, passed: false, message, evidence: { ...output.evidence, prompt: asked } };
  }
  if (build?.environment) return stoppedBuild(step, build, shown, state, { ...output.evidence, durationMs: Math.round(result.durationMs) });
  // The command did what it should; only what the cache did cannot be told here.
  const unverified = output.passed ? (build?.cacheUnverified ?? null) : null;
  const passed = output.passed && (unverified !== null || (build?.outcome.passed ?? true));
  // It failed where a stand-in lacks what the real image has (`apk add` on an Alpine tag): unverified, not failed.
  if (!passed) await checkSubstituteSymptom(result, step.commandText, state.images, state.context);
  const captured = result.stdout.trim();
  if (passed && step.spec.capture) state.variables[step.spec.capture] = captured;
  const lessonLine = failedLessonLine(build, state.cwd, state.lessonFiles);
  return {
    command: shown,
    passed,
    message: unverified ?? runMessage(output, build),
    ...(unverified !== null ? { unverified } : {}),
    ...(lessonLine !== null && unverified === null ? { lessonLine } : {}),
    evidence: {
      ...output.evidence,
      durationMs: Math.round(result.durationMs),
      ...(build ? { build: build.evidence } : {}),
      ...(step.spec.capture ? { captured: { [step.spec.capture]: captured } } : {}),
    },
  };
}
