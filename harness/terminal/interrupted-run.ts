/**
 * "Press Ctrl+C": a foreground command (`docker logs -f backend`, `docker compose up`) run in the learner's terminal
 * until a moment the lesson names — some time after it started, or once a text has appeared in its output — then
 * interrupted as a learner does, by typing Ctrl+C into its terminal (the terminal sends SIGINT to the command's
 * process group), and expected to end. The output up to the interrupt is the evidence.
 */
import type { BackgroundExit } from "../support/background-command.js";
import type { Terminal, TerminalCommand } from "./terminal.js";

/** When the learner presses Ctrl+C: this long after the command started, or once its output shows this text. */
export type InterruptAt = { afterMs: number } | { when: string };

export interface InterruptOptions {
  at: InterruptAt;
  /** How long to wait for the text (`when`) at most; it is also pressed then, to end the command. */
  timeoutMs: number;
  /** How long the command may take to end after Ctrl+C. */
  withinMs: number;
  env?: Readonly<Record<string, string>>;
}

export interface InterruptedRun {
  /** Everything the terminal showed, escape sequences and carriage returns removed. */
  output: string;
  /** What it showed before Ctrl+C was pressed (all of it when it never was). */
  outputBeforeInterrupt: string;
  /** Why Ctrl+C was pressed: the time came, the text appeared, or the text did not appear in time; null: never. */
  pressed: "after" | "text" | "timeout" | null;
  /** Milliseconds from the start to Ctrl+C. */
  pressedAtMs: number | null;
  /** How it ended; null when it was still running `withinMs` after Ctrl+C (it is then stopped). */
  exit: BackgroundExit | null;
  /** It ended on its own, before Ctrl+C was pressed. */
  endedBeforeInterrupt: boolean;
  /** Milliseconds from Ctrl+C to its end. */
  endedAfterMs: number | null;
  durationMs: number;
}

const CTRL_C = "\x03";
/** What a terminal's output holds besides text: CSI and OSC sequences, other escapes, carriage returns. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: a terminal's escape sequences are what this removes.
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]|\r/g;

export const terminalText = (raw: string): string => raw.replace(ESCAPES, "");

const MAX_OUTPUT = 256 * 1024;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function runInterrupted(terminal: Terminal, command: TerminalCommand, options: InterruptOptions): Promise<InterruptedRun> {
  const started = performance.now();
  const running = terminal.interactive(command, { ...(options.env ? { env: options.env } : {}) });
  let raw = "";
  let seen: () => void = () => {};
  const textSeen = new Promise<void>((resolve) => {
    seen = resolve;
  });
  const wanted = "when" in options.at ? options.at.when : null;
  const stopListening = running.onOutput((chunk) => {
    if (raw.length < MAX_OUTPUT) raw += chunk;
    if (wanted !== null && terminalText(raw).includes(wanted)) seen();
  });
  const ended = running.ended.then((exit) => ({ exit }));
  try {
    const moment =
      "afterMs" in options.at
        ? sleep(options.at.afterMs).then(() => "after" as const)
        : Promise.race([textSeen.then(() => "text" as const), sleep(options.timeoutMs).then(() => "timeout" as const)]);
    const first = await Promise.race([moment, ended]);
    if (typeof first === "object") {
      const output = terminalText(raw);
      return {
        output,
        outputBeforeInterrupt: output,
        pressed: null,
        pressedAtMs: null,
        exit: first.exit,
        endedBeforeInterrupt: true,
        endedAfterMs: null,
        durationMs: performance.now() - started,
      };
    }
    const pressedAtMs = performance.now() - started;
    const before = terminalText(raw);
    running.write(CTRL_C);
    const after = await Promise.race([ended, sleep(options.withinMs).then(() => null)]);
    if (after === null) {
      // A learner would press it again; then the command is stopped, whatever it does.
      running.write(CTRL_C);
      await Promise.race([ended, sleep(2_000)]);
      await running.stop();
    }
    const output = terminalText(raw);
    return {
      output,
      outputBeforeInterrupt: before,
      pressed: first,
      pressedAtMs,
      exit: after?.exit ?? null,
      endedBeforeInterrupt: false,
      endedAfterMs: after === null ? null : performance.now() - started - pressedAtMs,
      durationMs: performance.now() - started,
    };
  } finally {
    stopListening();
    if (!running.exited) await running.stop();
  }
}
