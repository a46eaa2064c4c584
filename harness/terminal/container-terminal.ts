import type { Docker } from "../docker/docker.js";
import type { BackgroundCommand } from "../support/background-command.js";
import type { ProcessResult } from "../support/run-process.js";
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
    /** The engine that runs the container (the outer one). */
    private readonly outer: Docker,
    readonly workdir: string,
  ) {}

  private execArgs(command: TerminalCommand, options: Omit<TerminalOptions, "timeoutMs">): string[] {
    const env = Object.entries(options.env ?? {}).flatMap(([name, value]) => ["-e", `${name}=${value}`]);
    return ["exec", "-i", "-w", this.workdir, ...env, this.container, ...innerArgv(command, options)];
  }

  run(command: TerminalCommand, options: TerminalOptions): Promise<ProcessResult> {
    // Empty input rather than none: `docker exec -i` then closes the command's stdin at once, as a learner's Ctrl-D.
    return this.outer.query(this.execArgs(command, options), {
      what: `the learner's command in ${this.container}`,
      timeoutMs: options.timeoutMs,
      input: options.input ?? "",
    });
  }

  start(command: TerminalCommand, options: Omit<TerminalOptions, "timeoutMs">): BackgroundCommand {
    return this.outer.start(this.execArgs(command, options));
  }

  interactive(command: TerminalCommand, options: Pick<TerminalOptions, "env">): BackgroundCommand {
    // `docker exec -i` carries the keys to `script`, which types them into the command's pseudo-terminal.
    return this.outer.start(this.execArgs(command, { ...options, tty: true }), { stdin: "pipe" });
  }
}
