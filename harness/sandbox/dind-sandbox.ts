import { Wait, type StartedTestContainer } from "testcontainers";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { DockerClient } from "../docker/docker-client.js";
import { ContainerTerminal } from "../terminal/container-terminal.js";
import type { Terminal } from "../terminal/terminal.js";
import { SandboxError } from "../support/errors.js";
import { pollUntil } from "../support/deadline.js";
import type { EngineConnection } from "../engine/engine-connection.js";
import { detectPrivilegeProfile, type PrivilegeProfile } from "./privilege-profile.js";
import { SandboxContainer } from "./sandbox-container.js";
import { seedImages } from "./seed-images.js";
import { sessionLabels } from "./session.js";
import type { SandboxHealth, SeedImage, StartedSandbox } from "./sandbox.js";

const DOCKER_API_PORT = 2375;
// Without --tls=false, dockerd 20.10 on tcp sleeps ~15 s on purpose to warn about the open port.
const DOCKERD_COMMAND = ["dockerd", "--host=unix:///var/run/docker.sock", `--host=tcp://0.0.0.0:${DOCKER_API_PORT}`, "--tls=false"];

/** Builder for one scenario's Docker-in-Docker daemon. */
export class DindSandbox {
  private publishedPorts: number[] = [];
  private seeds: SeedImage[] = [];
  private labels: Record<string, string> = {};
  private readyTimeoutMs = 60_000;
  private workdir: string | null = null;

  constructor(
    private readonly image: string,
    private readonly engine: EngineConnection,
  ) {}

  withPublishedPorts(ports: readonly number[]): this {
    this.publishedPorts = [...new Set(ports)].filter((port) => port !== DOCKER_API_PORT);
    return this;
  }

  withSeedImages(seeds: readonly SeedImage[]): this {
    this.seeds = [...seeds];
    return this;
  }

  withLabels(labels: Record<string, string>): this {
    this.labels = { ...this.labels, ...labels };
    return this;
  }

  /** The learner's working folder: mounted at the same path, where the sandbox's terminal starts. */
  withWorkdir(path: string): this {
    this.workdir = path;
    return this;
  }

  withReadyTimeout(ms: number): this {
    this.readyTimeoutMs = ms;
    return this;
  }

  async start(): Promise<StartedDindSandbox> {
    const profile = await detectPrivilegeProfile(this.image, this.engine.cliEnv);
    const started = performance.now();
    const sandboxId = randomUUID();
    // testcontainers may remove a container whose wait failed; keep the daemon's last words ourselves.
    let daemonTail = "";
    let container: StartedTestContainer;
    try {
      const base = new SandboxContainer(this.image).withPrivilegeProfile(profile);
      // The learner's folder inside, where the terminal and the daemon (in the same container) both see it. Not at its
      // path here: the entrypoint mounts a tmpfs on /tmp, which would hide a folder bound below it.
      container = await (this.workdir ? base.withHostFolder(this.workdir, learnerFolder(this.workdir)) : base)
        .withLoopbackPorts(DOCKER_API_PORT, ...this.publishedPorts)
        .withCommand(DOCKERD_COMMAND)
        // The official docker:dind would otherwise generate TLS certificates and listen on 2376.
        .withEnvironment({ DOCKER_TLS_CERTDIR: "" })
        .withLabels(sessionLabels({ "org.dockproof.role": "sandbox", [SANDBOX_LABEL]: sandboxId, ...this.labels }))
        // dockerd says so the moment its API listens; following the log beats polling _ping on an interval.
        .withWaitStrategy(Wait.forLogMessage(/API listen on .*:2375/))
        .withLogConsumer((stream) => stream.on("data", (chunk: Buffer | string) => (daemonTail = (daemonTail + chunk.toString()).slice(-4_000))))
        .withStartupTimeout(this.readyTimeoutMs)
        .start();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      // The daemon's own last words say why it died; then nothing of it may stay behind.
      const lastLogs = (await removeFailedSandbox(sandboxId, this.engine.cliEnv)) || daemonTail.trim().split("\n").slice(-15).join("\n");
      throw new SandboxError(
        "E_SANDBOX_START",
        `expected the Docker-in-Docker sandbox (${this.image}, ${describeProfile(profile)}) to answer _ping within ${this.readyTimeoutMs} ms; found: ${reason}` +
          (lastLogs ? `; its last log lines:\n${lastLogs}` : ""),
        { cause: error },
      );
    }
    const sandbox = new StartedDindSandbox(container, profile, 0, this.engine.cliEnv, this.workdir ? learnerFolder(this.workdir) : "/", this.image);
    try {
      // The log line says the API listens; _ping through the published port proves the harness can reach it.
      await pollUntil(async () => ((await fetch(`http://127.0.0.1:${container.getMappedPort(DOCKER_API_PORT)}/_ping`)).ok ? true : undefined), {
        timeoutMs: 10_000,
        intervalMs: 50,
        waitedFor: `the sandbox's Docker API (${sandbox.cliEnv.DOCKER_HOST}) to answer _ping`,
      });
    } catch (error) {
      await sandbox.stop();
      throw new SandboxError(
        "E_SANDBOX_START",
        `expected the sandbox's Docker API to answer _ping after dockerd logged "API listen"; found: ${(error as Error).message}`,
        { cause: error },
      );
    }
    sandbox.readyMs = performance.now() - started;
    try {
      sandbox.seedMs = await seedImages(sandbox.cliEnv, this.seeds);
    } catch (error) {
      await sandbox.stop();
      throw error;
    }
    return sandbox;
  }
}

const SANDBOX_LABEL = "org.dockproof.sandbox";

/** Where the learner's folder is inside the sandbox: its name kept (`$(pwd)`, compose project names read it). */
const learnerFolder = (workdir: string): string => path.posix.join("/home/learner", path.basename(workdir));

const outputOf = (result: { lines: ReadonlyArray<{ text: string }> }) =>
  result.lines
    .map((line) => line.text)
    .join("\n")
    .trim();

async function removeFailedSandbox(sandboxId: string, env: Readonly<Record<string, string>>): Promise<string> {
  const docker = new DockerClient(env);
  const found = await docker.query(["ps", "-aq", "--filter", `label=${SANDBOX_LABEL}=${sandboxId}`], {
    what: "the failed sandbox's container",
    timeoutMs: 10_000,
  });
  const ids = found.stdout.split("\n").filter(Boolean);
  let logs = "";
  for (const id of ids) {
    logs += outputOf(await docker.query(["logs", "--tail", "15", id], { what: `the failed sandbox's last log lines (${id})`, timeoutMs: 10_000 }));
    await docker.query(["rm", "-f", "-v", id], { what: `removing the failed sandbox ${id}`, timeoutMs: 30_000 });
  }
  return logs;
}

function describeProfile(profile: PrivilegeProfile): string {
  return profile.kind === "privileged" ? "--privileged" : `capability profile (--privileged refused: ${profile.privilegedError})`;
}

export class StartedDindSandbox implements StartedSandbox {
  readonly kind = "dind" as const;
  readonly cliEnv: Readonly<Record<string, string>>;
  seedMs = 0;
  private stopped: Promise<void> | undefined;

  readonly terminal: Terminal;

  constructor(
    private readonly container: StartedTestContainer,
    readonly privilegeProfile: PrivilegeProfile,
    public readyMs: number,
    private readonly outerEnv: Readonly<Record<string, string>>,
    workdir: string,
    readonly engineKey: string,
  ) {
    this.cliEnv = { DOCKER_HOST: `tcp://127.0.0.1:${container.getMappedPort(DOCKER_API_PORT)}` };
    this.terminal = new ContainerTerminal(container.getId(), outerEnv, workdir);
  }

  get privilege(): string {
    return this.privilegeProfile.kind;
  }

  get id(): string {
    return this.container.getId();
  }

  localAddress(port: number): { host: string; port: number } {
    return { host: "127.0.0.1", port: this.container.getMappedPort(port) };
  }

  async daemonLogs(): Promise<string> {
    const id = this.container.getId();
    return outputOf(
      await new DockerClient(this.outerEnv).query(["logs", "--tail", "200", id], { what: `the sandbox daemon's log (${id})`, timeoutMs: 10_000 }),
    );
  }

  async health(): Promise<SandboxHealth> {
    const id = this.container.getId();
    const outer = new DockerClient(this.outerEnv);
    const state = await outer
      .query(["inspect", "--format", "{{.State.Status}} {{.State.ExitCode}}", id], { what: `the sandbox container ${id}`, timeoutMs: 10_000 })
      .catch((error: unknown) => error as Error);
    if (state instanceof Error) return { alive: false, reason: `the outer engine does not answer: ${state.message}` };
    if (state.exitCode !== 0)
      return { alive: false, reason: `the sandbox container is gone: ${state.stderr.trim() || `docker inspect exited ${state.exitCode}`}` };
    const [status = "", code = ""] = state.stdout.trim().split(" ");
    if (status !== "running") {
      const logs = (await this.daemonLogs()).trim().split("\n").slice(-15).join("\n");
      return {
        alive: false,
        reason: `the sandbox's daemon stopped (container ${status}, exit code ${code})${logs ? `; its last log lines:\n${logs}` : ""}`,
      };
    }
    try {
      const ping = await fetch(`http://127.0.0.1:${this.container.getMappedPort(DOCKER_API_PORT)}/_ping`, { signal: AbortSignal.timeout(5_000) });
      return ping.ok ? { alive: true } : { alive: false, reason: `the sandbox's daemon answers _ping with HTTP ${ping.status}` };
    } catch (error) {
      return { alive: false, reason: `the sandbox's daemon does not answer _ping: ${String((error as Error).cause ?? error)}` };
    }
  }

  /** Removes the daemon with its anonymous /var/lib/docker volume, so nothing the lesson made survives. */
  stop(): Promise<void> {
    this.stopped ??= this.container.stop({ timeout: 0, removeVolumes: true }).then(() => undefined);
    return this.stopped;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }
}
