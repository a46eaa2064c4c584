import { execa, type ResultPromise } from "execa";

export interface CommandResult {
  argv: readonly string[];
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
  durationMs: number;
  /** The command was still running at its deadline and was killed. */
  timedOut: boolean;
  /** The program could not be started at all (e.g. not on PATH). */
  spawnError?: string;
  /** stdout and stderr lines in arrival order with their arrival time; the classic builder prints no timings of its own. */
  lines: Array<{ text: string; atMs: number }>;
}

export interface CommandOptions {
  env: Readonly<Record<string, string>>;
  timeoutMs: number;
  cwd?: string;
}

/** Runs argv without a shell: every element reaches the program as exactly one argument. */
export async function runCommand(argv: readonly string[], options: CommandOptions): Promise<CommandResult> {
  const [file, ...args] = argv;
  if (file === undefined) throw new TypeError("runCommand needs at least a program name");
  const started = performance.now();
  const lines: CommandResult["lines"] = [];
  // A generator transform sees each line as it arrives while execa still collects the output.
  const record = function* (line: unknown) {
    if (lines.length < 20_000) lines.push({ text: String(line), atMs: performance.now() - started });
    yield line;
  };
  const result = await execa(file, args, {
    env: options.env,
    cwd: options.cwd,
    timeout: options.timeoutMs,
    reject: false,
    stdin: "ignore",
    forceKillAfterDelay: 2_000,
    maxBuffer: 16 * 1024 * 1024,
    stdout: record,
    stderr: record,
  });
  const spawnFailed = result.failed && result.exitCode === undefined && !result.timedOut && !result.isTerminated;
  return {
    argv,
    exitCode: result.exitCode,
    stdout: String(result.stdout ?? ""),
    stderr: String(result.stderr ?? ""),
    durationMs: performance.now() - started,
    timedOut: result.timedOut,
    lines,
    ...(spawnFailed ? { spawnError: result.shortMessage } : {}),
  };
}

/** A command a learner would leave running in another terminal. */
export class BackgroundCommand {
  private output = "";
  private readonly child: ResultPromise;
  private exit: { exitCode: number | undefined; signal: string | undefined } | undefined;

  constructor(readonly argv: readonly string[], options: Omit<CommandOptions, "timeoutMs">) {
    const [file, ...args] = argv;
    if (file === undefined) throw new TypeError("BackgroundCommand needs at least a program name");
    this.child = execa(file, args, { env: options.env, cwd: options.cwd, reject: false, stdin: "ignore", all: true, buffer: false, forceKillAfterDelay: 2_000 });
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
