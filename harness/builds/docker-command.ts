import { ExecaError, execa } from "execa";
import { BUILD_ERROR_CODES, BuildEvidenceError } from "./build-errors.js";

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

export interface TimedLine {
  text: string;
  /** Milliseconds since the command started; the classic builder prints no timings of its own. */
  atMs: number;
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
  const started = performance.now();
  const lines: TimedLine[] = [];
  const record = function* (line: unknown) {
    lines.push({ text: String(line), atMs: performance.now() - started });
    yield line;
  };
  const commandLine = [binary, ...args].join(" ");
  try {
    const result = await execa(binary, args, {
      env: { ...options.cliEnv, ...options.env },
      timeout: options.timeoutMs,
      forceKillAfterDelay: 5_000,
      stdin: "ignore",
      stdout: record,
      stderr: record,
      reject: false,
    });
    const durationMs = performance.now() - started;
    if (result.timedOut) {
      throw new BuildEvidenceError(
        BUILD_ERROR_CODES.cliTimeout,
        `Timed out after ${Math.round(options.timeoutMs / 1000)} s waiting for ${options.what} (\`${commandLine}\` was still running and was stopped).${tail(lines)}`,
      );
    }
    if (result.failed && result.exitCode === undefined) throw result;
    const exitCode = result.exitCode ?? 1;
    if (exitCode !== 0 && !options.allowFailure) {
      throw new BuildEvidenceError(
        BUILD_ERROR_CODES.cliFailed,
        `${options.what} failed: expected \`${commandLine}\` to exit 0, received exit code ${exitCode}.${tail(lines)}`,
      );
    }
    return { stdout: String(result.stdout ?? ""), exitCode, lines, durationMs };
  } catch (error) {
    if (error instanceof BuildEvidenceError) throw error;
    if (error instanceof ExecaError && error.code === "ENOENT") {
      throw new BuildEvidenceError(BUILD_ERROR_CODES.cliMissing, `${options.what} needs \`${binary}\`, which was not found.`, { cause: error });
    }
    throw new BuildEvidenceError(BUILD_ERROR_CODES.cliFailed, `${options.what} could not run \`${commandLine}\`: ${String(error)}`, { cause: error });
  }
}

function tail(lines: readonly TimedLine[], count = 20): string {
  if (lines.length === 0) return "";
  return `\nLast ${Math.min(count, lines.length)} of ${lines.length} output lines:\n${lines
    .slice(-count)
    .map((line) => line.text)
    .join("\n")}`;
}
