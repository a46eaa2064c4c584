import { BackgroundCommand } from "../support/background-command.js";
import { type ProcessResult, runProcess } from "../support/run-process.js";
import { innerArgv } from "./inner-command.js";
import type { Terminal, TerminalCommand, TerminalOptions } from "./terminal.js";

/** A terminal on this machine: for tests of the runner (a fake sandbox has no container to run commands in). */
export class LocalTerminal implements Terminal {
  constructor(
    readonly workdir: string,
    private readonly env: Readonly<Record<string, string>> = {},
  ) {}

  run(command: TerminalCommand, options: TerminalOptions): Promise<ProcessResult> {
    return runProcess(innerArgv(command, options), {
      env: { ...this.env, ...options.env },
      timeoutMs: options.timeoutMs,
      cwd: this.workdir,
      ...(options.input === undefined ? {} : { input: options.input }),
    });
  }

  start(command: TerminalCommand, options: Omit<TerminalOptions, "timeoutMs">): BackgroundCommand {
    return new BackgroundCommand(innerArgv(command, options), {
      env: { ...process.env, ...this.env, ...options.env } as Record<string, string>,
      cwd: this.workdir,
    });
  }

  interactive(command: TerminalCommand, options: Pick<TerminalOptions, "env">): BackgroundCommand {
    return new BackgroundCommand(innerArgv(command, { tty: true }), {
      env: { ...process.env, ...this.env, ...options.env } as Record<string, string>,
      cwd: this.workdir,
      stdin: "pipe",
    });
  }
}
