import { execa } from "execa";
import { BackgroundCommand } from "../support/background-command.js";
import { describeFailure, type ProcessResult, runProcess } from "../support/run-process.js";
import type { CliEnv, Docker, DockerApi, DockerCallOptions, FailureFactory } from "./docker.js";
import { DockerError } from "./docker-error.js";
import { EngineApi, type DockerodeLike } from "./engine-api.js";

export type { CliEnv, Docker, DockerCallOptions, FailureFactory } from "./docker.js";

const dockerFailure: FailureFactory = (kind, message) => new DockerError(kind, message);

/**
 * The real door: the docker CLI without a shell, with a timeout and one failure ladder (missing CLI, could not start,
 * timed out, exit code + output tail), and the engine's API beside it.
 */
class CliDocker implements Docker {
  private apiClient: DockerApi | undefined;

  constructor(
    readonly env: CliEnv,
    private readonly failure: FailureFactory,
    private readonly dockerode: DockerodeLike | undefined,
  ) {}

  get api(): DockerApi {
    this.apiClient ??= new EngineApi(this.env, this.dockerode);
    return this.apiClient;
  }

  withFailures(failure: FailureFactory): Docker {
    return new CliDocker(this.env, failure, this.dockerode);
  }

  at(env: CliEnv): Docker {
    return new CliDocker(env, this.failure, undefined);
  }

  async query(args: readonly string[], options: DockerCallOptions): Promise<ProcessResult> {
    const result = await this.spawn(args, options);
    const failure = describeFailure(result, options.what, options.timeoutMs);
    if (failure && (failure.kind === "missing" || failure.kind === "spawn")) throw this.failure(failure.kind, failure.message);
    return result;
  }

  async run(args: readonly string[], options: DockerCallOptions): Promise<ProcessResult> {
    const result = await this.spawn(args, options);
    const failure = describeFailure(result, options.what, options.timeoutMs);
    if (failure) throw this.failure(failure.kind, failure.message);
    return result;
  }

  start(args: readonly string[], options: { env?: Readonly<Record<string, string>>; stdin?: "pipe" | "ignore" } = {}): BackgroundCommand {
    return new BackgroundCommand(["docker", ...args], {
      env: { ...process.env, ...this.env, ...options.env } as Record<string, string>,
      ...(options.stdin ? { stdin: options.stdin } : {}),
    });
  }

  async pipe(args: readonly string[], into: { docker: Docker; args: readonly string[] }, options: DockerCallOptions): Promise<void> {
    const what = `${options.what} (docker ${args.join(" ")} | docker ${into.args.join(" ")})`;
    try {
      await execa("docker", args, {
        env: { ...process.env, ...this.env, ...options.env },
        buffer: { stdout: false },
        timeout: options.timeoutMs,
      }).pipe("docker", into.args, { env: { ...process.env, ...into.docker.env }, timeout: options.timeoutMs });
    } catch (error) {
      const timedOut = (error as { timedOut?: boolean }).timedOut === true;
      throw this.failure(timedOut ? "timeout" : "exit", `${what} failed: ${(error as Error).message}`);
    }
  }

  private spawn(args: readonly string[], options: DockerCallOptions): Promise<ProcessResult> {
    return runProcess([options.binary ?? "docker", ...args], {
      env: { ...this.env, ...options.env },
      timeoutMs: options.timeoutMs,
      ...(options.cwd ? { cwd: options.cwd } : {}),
      ...(options.onLine ? { onLine: options.onLine } : {}),
      ...(options.input === undefined ? {} : { input: options.input }),
    });
  }
}

/**
 * Opens the door to the engine `env` names. Only where an engine is first found (the outer engine's connection, a
 * dockerd dockproof starts): everyone else is handed a door, or asks one for another engine with `at`.
 * `dockerode` is the API client testcontainers already connected with, reused as is.
 */
export function openDocker(env: CliEnv, options: { failure?: FailureFactory; dockerode?: DockerodeLike } = {}): Docker {
  return new CliDocker(env, options.failure ?? dockerFailure, options.dockerode);
}
