/**
 * A run step with `interrupt:` — the lesson's "press Ctrl+C": the command runs in the foreground of the learner's
 * terminal until the moment comes (a time, or a text in its output), gets Ctrl+C through that terminal, and must end.
 * It fails when the moment never comes (the text never appears: the output seen is the evidence), when the command
 * ends on its own before it (it was to keep running), or when it does not end after Ctrl+C. The exit code is not
 * judged unless the step gives one (after Ctrl+C programs exit 0, 130 or 2, as they please).
 */
import { textFailures } from "../checks/output-expectation.js";
import { expandText } from "../commands/variables.js";
import type { RunPlanStep } from "../scenario/plan.js";
import { formatMs } from "../support/deadline.js";
import { type InterruptedRun, runInterrupted } from "../terminal/interrupted-run.js";
import type { TerminalCommand } from "../terminal/terminal.js";
import type { StepOutcome, StepRunState } from "./step-state.js";

type Interrupt = NonNullable<RunPlanStep["spec"]["interrupt"]>;

const EVIDENCE_OUTPUT = 2_000;
/** Long output as its start and its end: how it began (what it said first) and what it said last. */
const abridged = (text: string, length = EVIDENCE_OUTPUT): string => {
  if (text.length <= length) return text;
  const head = text.slice(0, Math.floor(length / 3));
  const tail = text.slice(-(length - head.length));
  return `${head.slice(0, head.lastIndexOf("\n") + 1) || head}…\n${tail.slice(tail.indexOf("\n") + 1) || tail}`;
};
const shownTail = (text: string) => abridged(text.trimEnd(), 600) || "(nothing)";

const moment = (interrupt: Interrupt, when: string | undefined): string =>
  when !== undefined ? `once its output showed ${JSON.stringify(when)}` : `after ${formatMs(interrupt.afterMs ?? 0)}`;

function failure(run: InterruptedRun, shown: string, at: string, interrupt: Interrupt, step: RunPlanStep, where: string): string | null {
  if (run.endedBeforeInterrupt) {
    const how = run.exit?.signal ?? run.exit?.exitCode ?? "?";
    return `expected \`${shown}\`${where} to keep running until Ctrl+C (${at}); it ended on its own (exit ${how}). Its output:\n${shownTail(run.output)}`;
  }
  if (run.pressed === "timeout")
    return `expected the output of \`${shown}\`${where} to show ${JSON.stringify(interrupt.when)} within ${formatMs(step.spec.timeoutMs)}, then Ctrl+C; it never did. The output seen:\n${shownTail(run.outputBeforeInterrupt)}`;
  if (run.exit === null)
    return `expected \`${shown}\`${where} to end within ${formatMs(interrupt.withinMs)} of Ctrl+C (${at}); it kept running and was stopped. Its output:\n${shownTail(run.output)}`;
  const expected = step.spec.expect;
  const failures = [
    ...(expected.exitCode !== undefined && run.exit.exitCode !== expected.exitCode
      ? [`expected exit code ${expected.exitCode} after Ctrl+C, found ${run.exit.exitCode ?? run.exit.signal}`]
      : []),
    ...textFailures("the output", run.output, expected.stdout),
  ];
  return failures.length > 0 ? failures.join("; ") : null;
}

export async function executeInterrupted(
  step: RunPlanStep,
  interrupt: Interrupt,
  command: TerminalCommand,
  shown: string,
  state: StepRunState,
  env: Record<string, string>,
): Promise<StepOutcome> {
  const when = interrupt.when === undefined ? undefined : expandText(interrupt.when, state.variables);
  const at = moment(interrupt, when);
  const run = await runInterrupted(state.sandbox.terminal, command, {
    at: when !== undefined ? { when } : { afterMs: interrupt.afterMs ?? 0 },
    timeoutMs: step.spec.timeoutMs,
    withinMs: interrupt.withinMs,
    env,
  });
  const where = step.lessonLine === null ? "" : ` (${state.lessonFile}:${step.lessonLine})`;
  const evidence = {
    interrupt: at,
    pressed: run.pressed,
    pressedAtMs: run.pressedAtMs === null ? null : Math.round(run.pressedAtMs),
    endedAfterMs: run.endedAfterMs === null ? null : Math.round(run.endedAfterMs),
    exitCode: run.exit?.exitCode ?? null,
    signal: run.exit?.signal ?? null,
    // What the learner saw until Ctrl+C: the step's evidence (the summary shows it as the command's output).
    stdout: abridged(run.outputBeforeInterrupt),
    stderr: "",
    durationMs: Math.round(run.durationMs),
  };
  const failed = failure(run, shown, at, interrupt, step, where);
  if (failed !== null) return { command: shown, passed: false, message: failed, evidence };
  const captured = run.outputBeforeInterrupt.trim();
  if (step.spec.capture) state.variables[step.spec.capture] = captured;
  const ended = run.exit?.signal ?? `exit ${run.exit?.exitCode}`;
  return {
    command: shown,
    passed: true,
    message: `Ctrl+C ${at} (${formatMs(run.pressedAtMs ?? 0)} in); it ended ${formatMs(run.endedAfterMs ?? 0)} later (${ended})`,
    evidence: { ...evidence, ...(step.spec.capture ? { captured: { [step.spec.capture]: captured } } : {}) },
  };
}
