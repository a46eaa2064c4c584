import { ExecaError, execa } from "execa";
import { ImageError } from "../support/errors.js";

export interface RunOptions {
  /** What we are waiting for, in words ("docker build of the node:20 substitute"); every error names it. */
  what: string;
  /** Hard upper bound; nothing external may hang the harness forever. */
  timeoutMs: number;
  /** Extra environment on top of ours (e.g. DOCKER_HOST); `undefined` values are left out. */
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Receives every stdout/stderr line as it arrives, so long steps can report progress. */
  onLine?: (line: string) => void;
  /** Error code for a non-zero exit, so callers can tell "pull failed" from "build failed". */
  failureCode?: string;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  durationMs: number;
}

const OUTPUT_TAIL_LINES = 25;

/**
 * Runs one external command with a timeout and turns every way it can go wrong into an
 * ImageError that says what we waited for, what we expected and what we received.
 */
export async function runCommand(file: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const commandLine = [file, ...args].join(" ");
  // A generator transform sees output line by line while execa still buffers it for us.
  const forward = options.onLine
    ? function* (line: unknown) {
        options.onLine?.(String(line));
        yield line;
      }
    : undefined;
  const env = Object.fromEntries(Object.entries(options.env ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined));
  try {
    const result = await execa(file, args, {
      timeout: options.timeoutMs,
      env,
      cwd: options.cwd,
      all: true,
      stdin: "ignore",
      forceKillAfterDelay: 5_000,
      ...(forward ? { stdout: forward, stderr: forward } : {}),
    });
    return { stdout: String(result.stdout), stderr: String(result.stderr), durationMs: performance.now() - started };
  } catch (error) {
    throw toImageError(error, commandLine, file, options);
  }
}

function toImageError(error: unknown, commandLine: string, file: string, options: RunOptions): ImageError {
  if (!(error instanceof ExecaError)) {
    return new ImageError("IMAGE_COMMAND_FAILED", `${options.what} failed before \`${commandLine}\` could run`, {
      cause: error,
    });
  }
  if (error.timedOut) {
    return new ImageError(
      "IMAGE_COMMAND_TIMEOUT",
      `Timed out after ${Math.round(options.timeoutMs / 1000)} s waiting for ${options.what}: ` +
        `expected \`${commandLine}\` to finish, it was still running and was stopped.${tailOf(error.all)}`,
      { cause: error },
    );
  }
  if (error.code === "ENOENT") {
    return new ImageError(
      "IMAGE_COMMAND_MISSING",
      `${options.what} needs \`${file}\`, but it was not found on PATH (${process.env.PATH ?? "PATH unset"}).`,
      { cause: error },
    );
  }
  const received = error.exitCode !== undefined ? `exit code ${error.exitCode}` : (error.signal ?? error.shortMessage);
  return new ImageError(
    options.failureCode ?? "IMAGE_COMMAND_FAILED",
    `${options.what} failed: expected \`${commandLine}\` to exit 0, received ${received}.${tailOf(error.all)}`,
    { cause: error },
  );
}

function tailOf(output: unknown): string {
  const text = typeof output === "string" ? output.trim() : "";
  if (text === "") return "";
  const lines = text.split("\n");
  const tail = lines.slice(-OUTPUT_TAIL_LINES).join("\n");
  const skipped = lines.length > OUTPUT_TAIL_LINES ? ` (last ${OUTPUT_TAIL_LINES} of ${lines.length} lines)` : "";
  return `\nOutput${skipped}:\n${tail}`;
}
