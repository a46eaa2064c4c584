import type { DockproofError } from "../support/errors.js";
import { describeFailure, type ProcessFailureKind, type ProcessResult, runProcess } from "../support/run-process.js";
import { DockerError } from "./docker-error.js";

/** DOCKER_HOST (and TLS variables when used) that aim the docker CLI at one engine. */
export type CliEnv = Readonly<Record<string, string>>;

/** Turns one way a docker call went wrong into the calling concern's own error (its codes, its class). */
export type FailureFactory = (kind: ProcessFailureKind, message: string) => DockproofError;

export interface DockerCallOptions {
  /** What we wait for, in words; every error and timeout names it. */
  what: string;
  /** Hard upper bound: nothing external may hang the harness forever. */
  timeoutMs: number;
  /** Set on top of the engine's environment, e.g. DOCKER_BUILDKIT. */
  env?: Readonly<Record<string, string>>;
  cwd?: string;
  /** Which docker binary; builders differ by CLI. Default: `docker` on PATH. */
  binary?: string;
  onLine?: (line: string) => void;
}

const dockerFailure: FailureFactory = (kind, message) => new DockerError(kind, message);

/**
 * The one door to Docker for the harness's own calls: every `docker …` it runs goes through here, without a shell,
 * with a timeout, and with one failure ladder (missing CLI, could not start, timed out, exit code + output tail).
 */
export class DockerClient {
  constructor(
    readonly env: CliEnv,
    private readonly failure: FailureFactory = dockerFailure,
  ) {}

  /** The same engine, failing with another concern's errors. */
  withFailures(failure: FailureFactory): DockerClient {
    return new DockerClient(this.env, failure);
  }

  /**
   * The exit code is part of the answer (`inspect` of a missing name, a failed build): only a docker CLI that cannot
   * start throws. A timed-out call returns with `timedOut` set, for the caller to treat as "no answer yet".
   */
  async query(args: readonly string[], options: DockerCallOptions): Promise<ProcessResult> {
    const result = await this.spawn(args, options);
    const failure = describeFailure(result, options.what, options.timeoutMs);
    if (failure && (failure.kind === "missing" || failure.kind === "spawn")) throw this.failure(failure.kind, failure.message);
    return result;
  }

  /** Must exit 0: every other outcome throws, with what we waited for and the output's tail. */
  async run(args: readonly string[], options: DockerCallOptions): Promise<ProcessResult> {
    const result = await this.spawn(args, options);
    const failure = describeFailure(result, options.what, options.timeoutMs);
    if (failure) throw this.failure(failure.kind, failure.message);
    return result;
  }

  private spawn(args: readonly string[], options: DockerCallOptions): Promise<ProcessResult> {
    return runProcess([options.binary ?? "docker", ...args], {
      env: { ...this.env, ...options.env },
      timeoutMs: options.timeoutMs,
      ...(options.cwd ? { cwd: options.cwd } : {}),
      ...(options.onLine ? { onLine: options.onLine } : {}),
    });
  }
}
