import { DockerClient } from "../docker/docker-client.js";
import type { EngineConnection } from "../engine/engine-connection.js";
import { ContainerTerminal } from "../terminal/container-terminal.js";
import type { Terminal } from "../terminal/terminal.js";
import type { SandboxHealth, SeedImage, StartedSandbox } from "./sandbox.js";
import { sessionLabels } from "./session.js";
import { LIST_COMMANDS, removeResources, type Kind } from "./session-reaper.js";

/**
 * Isolation "host": lesson commands run on the outer engine itself. Meant for disposable CI runners;
 * scenarios run one at a time, and what a scenario created (and only that) is removed afterwards.
 */
export class HostSandbox {
  constructor(
    private readonly engine: EngineConnection,
    /** An image with a shell and a docker CLI (an engine image): the learner's terminal runs in it. */
    private readonly terminalImage: string,
  ) {}

  async start(seeds: readonly SeedImage[], workdir: string): Promise<StartedHostSandbox> {
    const env = this.engine.cliEnv;
    const docker = new DockerClient(env);
    const before = await snapshot(env);
    const started = performance.now();
    const retagged: Array<{ ref: string; previousId: string | null }> = [];
    for (const seed of seeds) {
      if (seed.ref === seed.localRef) continue;
      const previous = await docker.query(["image", "inspect", "--format", "{{.Id}}", seed.ref], {
        what: `docker image inspect ${seed.ref}`,
        timeoutMs: 30_000,
      });
      retagged.push({ ref: seed.ref, previousId: previous.exitCode === 0 ? previous.stdout.trim() : null });
      await docker.run(["tag", seed.localRef, seed.ref], { what: `tagging ${seed.localRef} as ${seed.ref}`, timeoutMs: 30_000 });
    }
    const terminal = await startTerminalContainer(docker, this.terminalImage, workdir, env);
    const host = this.engine.client.info.containerRuntime.host;
    return new StartedHostSandbox(
      env,
      host,
      before,
      retagged,
      performance.now() - started,
      new ContainerTerminal(terminal, env, workdir),
      `host|${this.terminalImage}`,
    );
  }
}

/**
 * The learner's terminal for host isolation: a container on the engine's own network with its socket and the
 * working folder, so shell lines are confined as in a sandbox and `localhost` is the engine host's.
 */
async function startTerminalContainer(docker: DockerClient, image: string, workdir: string, env: Readonly<Record<string, string>>): Promise<string> {
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

async function snapshot(env: Readonly<Record<string, string>>): Promise<Record<Kind, Set<string>>> {
  const entries = await Promise.all(
    (Object.keys(LIST_COMMANDS) as Kind[]).map(async (kind) => {
      const result = await new DockerClient(env).run([...LIST_COMMANDS[kind], "-q"], { what: `listing the engine's ${kind}s`, timeoutMs: 30_000 });
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

  constructor(
    readonly cliEnv: Readonly<Record<string, string>>,
    private readonly host: string,
    private readonly before: Record<Kind, Set<string>>,
    private readonly retagged: ReadonlyArray<{ ref: string; previousId: string | null }>,
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
    const version = await new DockerClient(this.cliEnv)
      .query(["version", "--format", "{{.Server.Version}}"], { what: "the engine's version", timeoutMs: 10_000 })
      .catch((error: unknown) => error as Error);
    if (version instanceof Error) return { alive: false, reason: `the engine does not answer: ${version.message}` };
    return version.exitCode === 0 ? { alive: true } : { alive: false, reason: `the engine does not answer: ${version.stderr.trim()}` };
  }

  stop(): Promise<void> {
    this.stopped ??= this.removeCreated();
    return this.stopped;
  }

  private async removeCreated(): Promise<void> {
    const after = await snapshot(this.cliEnv);
    const created = (["container", "network", "volume"] as const).flatMap((kind) =>
      [...after[kind]].filter((id) => !this.before[kind].has(id)).map((id) => ({ kind, id })),
    );
    await removeResources(created, this.cliEnv);
    for (const { ref, previousId } of this.retagged) {
      const args = previousId ? ["tag", previousId, ref] : ["rmi", "--no-prune", ref];
      await new DockerClient(this.cliEnv).query(args, { what: `restoring ${ref}`, timeoutMs: 30_000 });
    }
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }
}
