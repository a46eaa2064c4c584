import type { Docker } from "../docker/docker.js";
import type { EngineConnection } from "../outer-engine/engine-connection.js";
import { ContainerTerminal } from "../terminal/container-terminal.js";
import type { Terminal } from "../terminal/terminal.js";
import { SandboxError } from "../support/errors.js";
import { BuildCacheApi } from "./host-build-cache-api.js";
import { HostBuildCache } from "./host-build-cache.js";
import { HostImageLedger } from "./host-build-cache-images.js";
import type { BuildCacheWatch, SandboxHealth, SeedImage, StartedSandbox } from "./sandbox.js";
import { sessionId, sessionLabels } from "../support/session.js";
import { LIST_COMMANDS, listLabelled, removeResources, type Kind } from "./session-reaper.js";

export interface HostSandboxOptions {
  /**
   * Leave the build cache the scenario created (default false): BuildKit's records and the classic builder's untagged
   * step images. Only for showing what the removal is for: the next scenario then finds them.
   */
  keepBuildCache?: boolean;
}

/**
 * Isolation "host": lesson commands run on the outer engine itself. Meant for disposable CI runners;
 * scenarios run one at a time, and what a scenario created (and only that) is removed afterwards: containers,
 * networks, volumes, images (the classic builder's step images too), tags, and BuildKit cache records.
 */
export class HostSandbox {
  constructor(
    private readonly engine: EngineConnection,
    /** An image with a shell and a docker CLI (an engine image): the learner's terminal runs in it. */
    private readonly terminalImage: string,
    private readonly options: HostSandboxOptions = {},
  ) {}

  async start(seeds: readonly SeedImage[], workdir: string): Promise<StartedHostSandbox> {
    const docker = this.engine.docker;
    // Everything is listed before the first change: the seeds' tags below are restored like the lesson's own.
    const before = await snapshot(docker);
    const images = await HostImageLedger.open(docker);
    const cache = await HostBuildCache.open(new BuildCacheApi(docker));
    const started = performance.now();
    for (const seed of seeds) {
      if (seed.ref === seed.localRef) continue;
      await docker.run(["tag", seed.localRef, seed.ref], { what: `tagging ${seed.localRef} as ${seed.ref}`, timeoutMs: 30_000 });
    }
    const terminal = await startTerminalContainer(docker, this.terminalImage, workdir);
    return new StartedHostSandbox(
      docker,
      this.engine.host,
      { resources: before, images, cache, keepBuildCache: this.options.keepBuildCache ?? false },
      performance.now() - started,
      new ContainerTerminal(terminal, docker, workdir),
      `host|${this.terminalImage}`,
    );
  }
}

/** What the engine held before a scenario, to restore it afterwards. */
interface HostLedgers {
  resources: Record<Kind, Set<string>>;
  images: HostImageLedger;
  cache: HostBuildCache;
  keepBuildCache: boolean;
}

/**
 * The learner's terminal for host isolation: a container on the engine's own network with its socket and the
 * working folder, so shell lines are confined as in a sandbox and `localhost` is the engine host's.
 */
async function startTerminalContainer(docker: Docker, image: string, workdir: string): Promise<string> {
  const env = docker.env;
  const socket = env.DOCKER_HOST?.startsWith("unix://") ? env.DOCKER_HOST.slice("unix://".length) : null;
  const engineAccess = socket ? ["-v", `${socket}:/var/run/docker.sock`] : ["-e", `DOCKER_HOST=${env.DOCKER_HOST ?? ""}`];
  const labels = Object.entries(sessionLabels({ "org.dockproof.role": "terminal" })).flatMap(([key, value]) => ["--label", `${key}=${value}`]);
  const result = await docker.run(
    [
      "run",
      "-d",
      "--network",
      "host",
      ...labels,
      ...engineAccess,
      "-v",
      `${workdir}:${workdir}`,
      "-w",
      workdir,
      "--entrypoint",
      "sleep",
      image,
      "infinity",
    ],
    { what: `the learner's terminal container (${image})`, timeoutMs: 60_000 },
  );
  return result.stdout.trim();
}

async function snapshot(docker: Docker): Promise<Record<Kind, Set<string>>> {
  const entries = await Promise.all(
    (Object.keys(LIST_COMMANDS) as Kind[]).map(async (kind) => {
      const result = await docker.run([...LIST_COMMANDS[kind], "-q"], { what: `listing the engine's ${kind}s`, timeoutMs: 30_000 });
      return [kind, new Set(result.stdout.split("\n").filter(Boolean))] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<Kind, Set<string>>;
}

export class StartedHostSandbox implements StartedSandbox {
  readonly kind = "host" as const;
  readonly readyMs = 0;
  readonly privilege = null;
  private stopped: Promise<void> | undefined;
  /** The classic builder's cache is the image store; BuildKit's is its own records. */
  readonly buildCache: BuildCacheWatch = {
    afterBuild: async (build) => (build.builder === "classic" ? this.ledgers.images.afterBuild(build) : this.ledgers.cache.afterBuild()),
  };

  constructor(
    readonly docker: Docker,
    private readonly host: string,
    private readonly ledgers: HostLedgers,
    readonly seedMs: number,
    readonly terminal: Terminal,
    readonly engineKey: string,
  ) {}

  localAddress(port: number): { host: string; port: number } {
    return { host: this.host === "localhost" ? "127.0.0.1" : this.host, port };
  }

  async daemonLogs(): Promise<string> {
    return "(isolation host: the engine's own log is not collected)";
  }

  async health(): Promise<SandboxHealth> {
    const version = await this.docker
      .query(["version", "--format", "{{.Server.Version}}"], { what: "the engine's version", timeoutMs: 10_000 })
      .catch((error: unknown) => error as Error);
    // Isolation host: the sandbox is the outer engine itself.
    if (version instanceof Error) return { alive: false, reason: `the engine does not answer: ${version.message}`, code: "E_ENGINE_UNAVAILABLE" };
    if (version.exitCode === 0) return { alive: true };
    return { alive: false, reason: `the engine does not answer: ${version.stderr.trim()}`, code: "E_ENGINE_UNAVAILABLE" };
  }

  stop(): Promise<void> {
    this.stopped ??= this.removeCreated();
    return this.stopped;
  }

  private async removeCreated(): Promise<void> {
    const { resources, images, cache, keepBuildCache } = this.ledgers;
    const after = await snapshot(this.docker);
    // Another dockproof session's sandbox started meanwhile is new too, but not this scenario's: its labels say whose.
    const others = new Set((await listLabelled(this.docker)).filter((labelled) => labelled.session !== sessionId).map((labelled) => labelled.id));
    const created = (["container", "network", "volume"] as const).flatMap((kind) =>
      [...after[kind]].filter((id) => !resources[kind].has(id) && !others.has(id)).map((id) => ({ kind, id })),
    );
    await removeResources(created, this.docker);
    // Containers first (an image in use cannot go); each restore is tried even when another failed.
    const failures: string[] = [];
    const attempt = async (what: string, work: () => Promise<unknown>) => {
      await work().catch((error: unknown) => failures.push(`${what}: ${(error as Error).message}`));
    };
    await attempt("restoring the image store", () => images.restore({ keepStepImages: keepBuildCache }));
    if (!keepBuildCache) await attempt("removing the scenario's build cache", () => cache.removeCreated());
    if (failures.length > 0)
      throw new SandboxError("E_SANDBOX", `expected the engine restored to its state before the scenario, found: ${failures.join("; ")}`);
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }
}
