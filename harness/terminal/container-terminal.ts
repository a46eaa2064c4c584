import { BackgroundCommand } from "../commands/background-command.js";
import { type ProcessResult, runProcess } from "../support/run-process.js";
import { innerArgv } from "./inner-command.js";
import type { Terminal, TerminalCommand, TerminalOptions } from "./terminal.js";

/**
 * A learner's terminal inside a container (the sandbox, next to its daemon): `docker exec` into it, in the working
 * folder, which is mounted there at the path it has here. So the client is the engine's own, `localhost` is where the
 * lesson's published ports are, bind mounts of the folder resolve, and a shell line cannot touch this machine.
 */
export class ContainerTerminal implements Terminal {
  constructor(
    private readonly container: string,
    /** Reaches the engine that runs the container (the outer one). */
    private readonly outerEnv: Readonly<Record<string, string>>,
    readonly workdir: string,
  ) {}

  private execArgv(command: TerminalCommand, options: Omit<TerminalOptions, "timeoutMs">): string[] {
    const env = Object.entries(options.env ?? {}).flatMap(([name, value]) => ["-e", `${name}=${value}`]);
    return ["docker", "exec", "-i", "-w", this.workdir, ...env, this.container, ...innerArgv(command, options)];
  }

  run(command: TerminalCommand, options: TerminalOptions): Promise<ProcessResult> {
    // Empty input rather than none: `docker exec -i` then closes the command's stdin at once, as a learner's Ctrl-D.
    return runProcess(this.execArgv(command, options), { env: this.outerEnv, timeoutMs: options.timeoutMs, input: options.input ?? "" });
  }

  start(command: TerminalCommand, options: Omit<TerminalOptions, "timeoutMs">): BackgroundCommand {
    return new BackgroundCommand(this.execArgv(command, options), { env: { ...process.env, ...this.outerEnv } as Record<string, string> });
  }
}
