import { BUILD_ERROR_CODES, BuildEvidenceError } from "./build-errors.js";
import { outputTail, runProcess, type TimedLine } from "../support/run-process.js";

export type { TimedLine } from "../support/run-process.js";

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

/** Runs the docker CLI without a shell: arguments are passed as-is, never re-parsed. */
export async function runDocker(args: readonly string[], options: DockerCommandOptions): Promise<DockerCommandResult> {
  const binary = options.binary ?? "docker";
  const result = await runProcess([binary, ...args], { env: { ...options.cliEnv, ...options.env }, timeoutMs: options.timeoutMs });
  const commandLine = result.argv.join(" ");
  if (result.spawnError?.missing) throw new BuildEvidenceError(BUILD_ERROR_CODES.cliMissing, `${options.what} needs \`${binary}\`, which was not found.`);
  if (result.spawnError) throw new BuildEvidenceError(BUILD_ERROR_CODES.cliFailed, `${options.what} could not run \`${commandLine}\`: ${result.spawnError.message}`);
  if (result.timedOut) {
    throw new BuildEvidenceError(
      BUILD_ERROR_CODES.cliTimeout,
      `Timed out after ${Math.round(options.timeoutMs / 1000)} s waiting for ${options.what} (\`${commandLine}\` was still running and was stopped).${outputTail(result.lines, 20)}`,
    );
  }
  const exitCode = result.exitCode ?? 1;
  if (exitCode !== 0 && !options.allowFailure) {
    const received = result.exitCode === undefined ? `signal ${result.signal ?? "(unknown)"}` : `exit code ${exitCode}`;
    throw new BuildEvidenceError(BUILD_ERROR_CODES.cliFailed, `${options.what} failed: expected \`${commandLine}\` to exit 0, received ${received}.${outputTail(result.lines, 20)}`);
  }
  return { stdout: result.stdout, exitCode, lines: result.lines, durationMs: result.durationMs };
}
