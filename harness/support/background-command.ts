import { execa, type ResultPromise } from "execa";

export interface BackgroundOptions {
  env: Readonly<Record<string, string>>;
  cwd?: string;
  /** `pipe`: standard input stays open for `write` (a learner's keys, Ctrl+C); default: none. */
  stdin?: "pipe" | "ignore";
}

export interface BackgroundExit {
  exitCode: number | undefined;
  signal: string | undefined;
}

/** A command a learner would leave running in another terminal, or one the harness types into while it runs. */
export class BackgroundCommand {
  private output = "";
  private readonly child: ResultPromise;
  private exit: BackgroundExit | undefined;
  private readonly listeners = new Set<(text: string) => void>();
  /** Resolves when the command has ended, however it ended. */
  readonly ended: Promise<BackgroundExit>;

  constructor(
    readonly argv: readonly string[],
    options: BackgroundOptions,
  ) {
    const [file, ...args] = argv;
    if (file === undefined) throw new TypeError("BackgroundCommand needs at least a program name");
    this.child = execa(file, args, {
      env: options.env,
      cwd: options.cwd,
      reject: false,
      stdin: options.stdin ?? "ignore",
      all: true,
      buffer: false,
      forceKillAfterDelay: 2_000,
    });
    this.child.all?.on("data", (chunk: Buffer) => {
      const text = chunk.toString();
      // Keep the tail only: a chatty daemon in the foreground must not grow memory without bound.
      this.output = (this.output + text).slice(-64 * 1024);
      for (const listener of this.listeners) listener(text);
    });
    // A stdin the command stopped reading must not crash the harness with EPIPE.
    this.child.stdin?.on("error", () => {});
    this.ended = this.child.then((result) => {
      this.exit = { exitCode: result.exitCode, signal: result.signal ?? undefined };
      return this.exit;
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get exited(): BackgroundExit | undefined {
    return this.exit;
  }

  tail(lines = 20): string {
    return this.output.split("\n").slice(-lines).join("\n");
  }

  /** Every piece of output from now on, as it arrives; returns how to stop listening. */
  onOutput(listener: (text: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Types into the command's standard input (started with `stdin: "pipe"`); false when it is closed. */
  write(text: string): boolean {
    const stdin = this.child.stdin;
    if (!stdin || stdin.destroyed || !stdin.writable) return false;
    stdin.write(text);
    return true;
  }

  async stop(): Promise<void> {
    if (!this.exit) this.child.kill("SIGTERM");
    await this.child.catch(() => undefined);
  }
}
