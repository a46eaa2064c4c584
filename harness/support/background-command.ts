import { execa, type ResultPromise } from "execa";

export interface BackgroundOptions {
  env: Readonly<Record<string, string>>;
  cwd?: string;
}

/** A command a learner would leave running in another terminal. */
export class BackgroundCommand {
  private output = "";
  private readonly child: ResultPromise;
  private exit: { exitCode: number | undefined; signal: string | undefined } | undefined;

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
      stdin: "ignore",
      all: true,
      buffer: false,
      forceKillAfterDelay: 2_000,
    });
    this.child.all?.on("data", (chunk: Buffer) => {
      // Keep the tail only: a chatty daemon in the foreground must not grow memory without bound.
      this.output = (this.output + chunk.toString()).slice(-64 * 1024);
    });
    void this.child.then((result) => (this.exit = { exitCode: result.exitCode, signal: result.signal ?? undefined }));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get exited(): { exitCode: number | undefined; signal: string | undefined } | undefined {
    return this.exit;
  }

  tail(lines = 20): string {
    return this.output.split("\n").slice(-lines).join("\n");
  }

  async stop(): Promise<void> {
    if (!this.exit) this.child.kill("SIGTERM");
    await this.child.catch(() => undefined);
  }
}
