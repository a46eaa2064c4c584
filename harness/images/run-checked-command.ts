import { ImageError } from "../support/errors.js";
import { outputTail, runProcess, type ProcessResult } from "../support/run-process.js";

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

/**
 * Runs one external command that must succeed, and turns every way it can go wrong into an ImageError that
 * says what we waited for, what we expected and what we received.
 */
export async function runCommand(file: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const result = await runProcess([file, ...args], options);
  const failure = toImageError(result, options);
  if (failure) throw failure;
  return { stdout: result.stdout, stderr: result.stderr, durationMs: result.durationMs };
}

function toImageError(result: ProcessResult, options: RunOptions): ImageError | null {
  const commandLine = result.argv.join(" ");
  if (result.spawnError?.missing) {
    return new ImageError("IMAGE_COMMAND_MISSING", `${options.what} needs \`${result.argv[0]}\`, but it was not found on PATH (${process.env.PATH ?? "PATH unset"}).`);
  }
  if (result.spawnError) return new ImageError("IMAGE_COMMAND_FAILED", `${options.what} failed before \`${commandLine}\` could run: ${result.spawnError.message}`);
  if (result.timedOut) {
    return new ImageError(
      "IMAGE_COMMAND_TIMEOUT",
      `Timed out after ${Math.round(options.timeoutMs / 1000)} s waiting for ${options.what}: ` +
        `expected \`${commandLine}\` to finish, it was still running and was stopped.${outputTail(result.lines)}`,
    );
  }
  if (result.exitCode === 0) return null;
  const received = result.exitCode !== undefined ? `exit code ${result.exitCode}` : `signal ${result.signal ?? "(unknown)"}`;
  return new ImageError(
    options.failureCode ?? "IMAGE_COMMAND_FAILED",
    `${options.what} failed: expected \`${commandLine}\` to exit 0, received ${received}.${outputTail(result.lines)}`,
  );
}
