/**
 * The one door to Docker: everything the harness asks of an engine — its CLI (what a learner runs: build, save, load,
 * inspect, exec) and its API (containers dockproof creates for itself, the build cache, quick questions). Everyone
 * else takes this interface, handed out by the outer engine's connection and by each sandbox; the real implementation
 * is cli-docker.ts with engine-api.ts, the scripted fake for unit tests is fake-docker.ts.
 */
import type { BackgroundCommand } from "../support/background-command.js";
import type { DockproofError } from "../support/errors.js";
import type { ProcessFailureKind, ProcessResult } from "../support/run-process.js";

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
  /** Written to the command's standard input, which then closes; without it, stdin is empty. */
  input?: string;
}

export interface Docker {
  /** How processes that are not this door reach the same engine (a learner's terminal runs its own docker CLI). */
  readonly env: CliEnv;
  /**
   * The exit code is part of the answer (`inspect` of a missing name, a failed build): only a docker CLI that cannot
   * start throws. A timed-out call returns with `timedOut` set, for the caller to treat as "no answer yet".
   */
  query(args: readonly string[], options: DockerCallOptions): Promise<ProcessResult>;
  /** Must exit 0: every other outcome throws (the concern's error, see withFailures), with the output's tail. */
  run(args: readonly string[], options: DockerCallOptions): Promise<ProcessResult>;
  /**
   * A docker command left running (`docker exec` of a learner's second terminal); stopped by its owner. With
   * `stdin: "pipe"` its standard input stays open for what the harness types (a learner's Ctrl+C).
   */
  start(args: readonly string[], options?: { env?: Readonly<Record<string, string>>; stdin?: "pipe" | "ignore" }): BackgroundCommand;
  /** `docker ARGS | docker INTO.ARGS` where the second runs against INTO's engine (a save loaded elsewhere). */
  pipe(args: readonly string[], into: { docker: Docker; args: readonly string[] }, options: DockerCallOptions): Promise<void>;
  /** The same engine, failing with another concern's errors. */
  withFailures(failure: FailureFactory): Docker;
  /** A door of the same kind to another engine (a sandbox's own daemon on its socket). */
  at(env: CliEnv): Docker;
  /** The engine's API. */
  readonly api: DockerApi;
}

/** An HTTP answer of the engine API, as it came. */
export interface ApiAnswer {
  status: number;
  body: string;
}

export interface EngineVersion {
  version: string;
  apiVersion: string;
  components: string[];
}

/** The parts of a container-create body the harness uses (Engine API `POST /containers/create`). */
export interface ContainerCreateBody {
  Image: string;
  Entrypoint?: string[];
  Cmd?: string[];
  Env?: string[];
  Labels?: Record<string, string>;
  ExposedPorts?: Record<string, Record<string, never>>;
  HostConfig?: Record<string, unknown>;
}

/** What `GET /containers/{id}/json` says that the harness reads. */
export interface ContainerInspect {
  state: { status: string; exitCode: number; error: string };
  /** Container port/proto -> host bindings. */
  ports: Record<string, Array<{ hostIp: string; hostPort: string }> | null>;
}

export interface ImageSummary {
  id: string;
  parentId: string;
  repoTags: string[];
}

export interface DockerApi {
  /** True once the engine serves its API; false while it is starting (socket missing or refusing). */
  ping(timeoutMs: number): Promise<boolean>;
  /** One GET, answered as it came (no status is an error): quick questions such as `/info`, `/images/json`. */
  get(path: string, timeoutMs: number): Promise<ApiAnswer>;
  /** A call the typed methods do not cover (the build cache); 4xx/5xx throw with `what`. */
  request<T>(options: { method: "GET" | "POST"; path: string; query?: Record<string, unknown>; what: string }): Promise<T>;
  version(): Promise<EngineVersion>;
  /** The image's configured entrypoint ([] for none). */
  imageEntrypoint(ref: string): Promise<string[]>;
  listImages(options: { all: boolean }): Promise<ImageSummary[]>;
  /** Creates a container; its id. */
  createContainer(body: ContainerCreateBody): Promise<string>;
  startContainer(id: string): Promise<void>;
  /** Resolves with the exit code when the container exits (or the signal aborts: undefined). */
  waitContainer(id: string, signal: AbortSignal): Promise<number | undefined>;
  /** Null when there is no such container. */
  inspectContainer(id: string): Promise<ContainerInspect | null>;
  stopContainer(id: string, timeoutSeconds: number): Promise<void>;
  /** Kills and removes it with its anonymous volumes; gone already is fine. */
  removeContainer(id: string): Promise<void>;
}
