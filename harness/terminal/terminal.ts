import type { BackgroundCommand } from "../support/background-command.js";
import type { ProcessResult } from "../support/run-process.js";

/** What a learner types: a command line read as argv (no shell), or a line for a POSIX shell. */
export type TerminalCommand = { argv: readonly string[] } | { script: string };

export interface TerminalOptions {
  timeoutMs: number;
  /** What the learner types in answer (standard input); absent: nothing, end of input at once. */
  input?: string;
  /** Run under a pseudo-terminal, as `docker exec -it` needs. */
  tty?: boolean;
  /** Set in the command's environment (captured values, for shell lines). */
  env?: Readonly<Record<string, string>>;
}

/**
 * Where a lesson's commands run: a learner's terminal, with the learner's working folder as the current directory,
 * standard input, optionally a TTY, and an environment. The sandbox provides one (a shell inside its container, next
 * to its daemon); tests use one on this machine.
 */
export interface Terminal {
  /** The working folder, at the same path where the daemon sees it, so relative bind mounts resolve. */
  readonly workdir: string;
  run(command: TerminalCommand, options: TerminalOptions): Promise<ProcessResult>;
  /** A command left running (a learner's second terminal). */
  start(command: TerminalCommand, options: Omit<TerminalOptions, "timeoutMs">): BackgroundCommand;
  /**
   * A command in the foreground of a pseudo-terminal whose keyboard stays open: what is written to it is typed, so
   * Ctrl+C (`\x03`) reaches the command as a learner's does, through the terminal (SIGINT to its process group).
   */
  interactive(command: TerminalCommand, options: Pick<TerminalOptions, "env">): BackgroundCommand;
}
