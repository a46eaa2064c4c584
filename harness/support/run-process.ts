import { execa } from "execa";

export interface TimedLine {
  text: string;
  /** Milliseconds since the command started; the classic builder prints no timings of its own. */
  atMs: number;
}

export interface ProcessResult {
  argv: readonly string[];
  exitCode: number | undefined;
  /** Set when a signal ended the command (ours at the deadline, or someone else's). */
  signal?: string;
  stdout: string;
  stderr: string;
  durationMs: number;
  /** The command was still running at its deadline and was killed. */
  timedOut: boolean;
  /** The program could not be started at all; `missing` when it is not on PATH. */
  spawnError?: { message: string; missing: boolean };
  /** stdout and stderr lines in arrival order with their arrival time. */
  lines: TimedLine[];
}

export interface ProcessOptions {
  /** Set on top of this process's environment; `undefined` values are left out. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Hard upper bound: nothing external may hang the harness forever. */
  timeoutMs: number;
  cwd?: string;
  /** Receives every stdout/stderr line as it arrives, so long steps can report progress. */
  onLine?: (line: string) => void;
  /** Written to the command's standard input, which then closes; without it, stdin is empty (end of input at once). */
  input?: string;
}

// Bounds memory for chatty commands; the tail is what error messages show.
const MAX_LINES = 20_000;

/**
 * Runs argv without a shell (every element reaches the program as exactly one argument) and never throws for
 * the command's own failures: exit codes, timeouts and spawn errors are returned, for callers to turn into
 * errors of their own concern (or evidence).
 */
export async function runProcess(argv: readonly string[], options: ProcessOptions): Promise<ProcessResult> {
  const [file, ...args] = argv;
  if (file === undefined) throw new TypeError("runProcess needs at least a program name");
  const started = performance.now();
  const lines: TimedLine[] = [];
  // A generator transform sees each line as it arrives while execa still collects the output.
  const record = function* (line: unknown) {
    const text = String(line);
    if (lines.length < MAX_LINES) lines.push({ text, atMs: performance.now() - started });
    options.onLine?.(text);
    yield line;
  };
  const env = Object.fromEntries(Object.entries(options.env ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const result = await execa(file, args, {
    env,
    cwd: options.cwd,
    timeout: options.timeoutMs,
    reject: false,
    ...(options.input === undefined ? { stdin: "ignore" as const } : { input: options.input }),
    forceKillAfterDelay: 2_000,
    maxBuffer: 16 * 1024 * 1024,
    stdout: record,
    stderr: record,
  });
  const spawnFailed = result.failed && result.exitCode === undefined && !result.timedOut && !result.isTerminated;
  const code = (result.cause as NodeJS.ErrnoException | undefined)?.code;
  return {
    argv,
    exitCode: result.exitCode,
    ...(result.signal ? { signal: result.signal } : {}),
    stdout: String(result.stdout ?? ""),
    stderr: String(result.stderr ?? ""),
    durationMs: performance.now() - started,
    timedOut: result.timedOut,
    lines,
    ...(spawnFailed ? { spawnError: { message: result.shortMessage ?? `could not start ${file}`, missing: code === "ENOENT" } } : {}),
  };
}

export type ProcessFailureKind = "missing" | "spawn" | "timeout" | "exit";

/**
 * Why a command that had to exit 0 did not, in words that name what we waited for, what we expected and what we
 * received (with the output tail); null when it exited 0. Callers map `kind` to error codes of their own concern.
 */
export function describeFailure(result: ProcessResult, what: string, timeoutMs: number): { kind: ProcessFailureKind; message: string } | null {
  const commandLine = result.argv.join(" ");
  if (result.spawnError?.missing) {
    return { kind: "missing", message: `${what} needs \`${result.argv[0]}\`, but it was not found on PATH (${process.env.PATH ?? "PATH unset"}).` };
  }
  if (result.spawnError) return { kind: "spawn", message: `${what} could not run \`${commandLine}\`: ${result.spawnError.message}` };
  if (result.timedOut) {
    return {
      kind: "timeout",
      message: `Timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}: expected \`${commandLine}\` to finish, it was still running and was stopped.${outputTail(result.lines)}`,
    };
  }
  if (result.exitCode === 0) return null;
  const received = result.exitCode !== undefined ? `exit code ${result.exitCode}` : `signal ${result.signal ?? "(unknown)"}`;
  return { kind: "exit", message: `${what} failed: expected \`${commandLine}\` to exit 0, received ${received}.${outputTail(result.lines)}` };
}

/** The last `count` output lines, for error messages ("" when there was no output). */
export function outputTail(lines: readonly TimedLine[], count = 25): string {
  if (lines.length === 0) return "";
  const shown = lines.slice(-count).map((line) => line.text);
  return `\nLast ${shown.length} of ${lines.length} output lines:\n${shown.join("\n")}`;
}
