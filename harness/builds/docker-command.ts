import { BUILD_ERROR_CODES, BuildEvidenceError } from "./build-errors.js";
import { describeFailure, runProcess, type TimedLine } from "../support/run-process.js";

/** DOCKER_HOST (and anything else the CLI should see) for the engine under test. */
export type CliEnv = Record<string, string>;

export interface DockerCommandOptions {
  cliEnv: CliEnv;
  /** What we wait for, in words; every error and timeout names it. */
  what: string;
  timeoutMs: number;
  /** Which docker binary; builders differ by CLI (see builder-cli.ts). Default: `docker` on PATH. */
  binary?: string;
  /** Set on top of cliEnv, e.g. DOCKER_BUILDKIT. */
  env?: Record<string, string>;
  /** A non-zero exit is returned instead of thrown (a failed build is evidence, not an error). */
  allowFailure?: boolean;
}

export interface DockerCommandResult {
  stdout: string;
  exitCode: number;
  /** stdout and stderr lines in arrival order, each with the time it arrived. */
  lines: TimedLine[];
  durationMs: number;
}

const CLI_ERROR_CODES = {
  missing: BUILD_ERROR_CODES.cliMissing,
  spawn: BUILD_ERROR_CODES.cliFailed,
  timeout: BUILD_ERROR_CODES.cliTimeout,
  exit: BUILD_ERROR_CODES.cliFailed,
} as const;

/** Runs the docker CLI without a shell: arguments are passed as-is, never re-parsed. */
export async function runDocker(args: readonly string[], options: DockerCommandOptions): Promise<DockerCommandResult> {
  const result = await runProcess([options.binary ?? "docker", ...args], {
    env: { ...options.cliEnv, ...options.env },
    timeoutMs: options.timeoutMs,
  });
  const failure = describeFailure(result, options.what, options.timeoutMs);
  // A failed build is evidence the caller reads, not an error; a missing binary or a hang still is one.
  if (failure && !(failure.kind === "exit" && options.allowFailure)) throw new BuildEvidenceError(CLI_ERROR_CODES[failure.kind], failure.message);
  return { stdout: result.stdout, exitCode: result.exitCode ?? 1, lines: result.lines, durationMs: result.durationMs };
}
