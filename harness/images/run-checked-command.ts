import { IMAGE_ERROR_CODES } from "../support/error-codes.js";
import { ImageError } from "../support/errors.js";

type ImageErrorCode = (typeof IMAGE_ERROR_CODES)[keyof typeof IMAGE_ERROR_CODES];
import { describeFailure, runProcess } from "../support/run-process.js";

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
  failureCode?: ImageErrorCode;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  durationMs: number;
}

/** The ImageError code of each way a command can fail (a non-zero exit: the caller's `failureCode` first). */
export const COMMAND_CODES = {
  missing: IMAGE_ERROR_CODES.commandMissing,
  spawn: IMAGE_ERROR_CODES.commandFailed,
  timeout: IMAGE_ERROR_CODES.commandTimeout,
  exit: IMAGE_ERROR_CODES.commandFailed,
} as const;

/**
 * Runs one external command that must succeed, and turns every way it can go wrong into an ImageError that
 * says what we waited for, what we expected and what we received.
 */
export async function runCommand(file: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const result = await runProcess([file, ...args], options);
  const failure = describeFailure(result, options.what, options.timeoutMs);
  if (failure)
    throw new ImageError(failure.kind === "exit" ? (options.failureCode ?? COMMAND_CODES.exit) : COMMAND_CODES[failure.kind], failure.message);
  return { stdout: result.stdout, stderr: result.stderr, durationMs: result.durationMs };
}
