import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { PortNotPublishedError } from "../checks/unpublished-port.js";
import type { Docker } from "../docker/docker.js";
import type { EngineConnection } from "../outer-engine/engine-connection.js";
import { ContainerTerminal } from "../terminal/container-terminal.js";
import type { Terminal } from "../terminal/terminal.js";
import { apiSocketOf, removeApiFolder } from "./api-folder.js";
import { containerLogs, type RunningDindContainer, startDindContainer, TEMPLATE_MOUNT } from "./dind-container.js";
import { verifySandboxImages } from "./image-check.js";
import { detectPrivilegeProfile, type PrivilegeProfile } from "./privilege-profile.js";
import type { SandboxHealth, SeedImage, SeedingMode, StartedSandbox } from "./sandbox.js";
import { loadCombinedArchive } from "./seed-images.js";
import { describeTemplate, type SeedTemplate } from "./seed-template.js";
import { sessionLabels } from "../support/session.js";

export const SANDBOX_LABEL = "org.dockproof.sandbox";
/** The learner's home inside a sandbox; their folder is below it, under its own name. */
export const LEARNER_HOME = "/home/learner";

/** Builder for one scenario's Docker-in-Docker daemon. */
export class DindSandbox {
  private publishedPorts: number[] = [];
  private seeds: SeedImage[] = [];
  private template: SeedTemplate | null = null;
  private archiveDir: string | null = null;
  private labels: Record<string, string> = {};
  private readyTimeoutMs = 60_000;
  /** What is bound where: the working folder itself below the home, or a folder as the whole home. */
  private home: { source: string; whole: boolean; folder: string | null } | null = null;
  private profile: PrivilegeProfile | null = null;

  constructor(
    private readonly image: string,
    private readonly engine: EngineConnection,
  ) {}

  withPublishedPorts(ports: readonly number[]): this {
    this.publishedPorts = [...new Set(ports)];
    return this;
  }

  /** The images the scenario gets; without a template they are loaded from one combined archive in `archiveDir`. */
  withSeedImages(seeds: readonly SeedImage[], archiveDir?: string): this {
    this.seeds = [...seeds];
    if (archiveDir) this.archiveDir = archiveDir;
    return this;
  }

  /** The same images from a template's data root: read-only layers instead of a load. */
  withTemplate(template: SeedTemplate | null): this {
    this.template = template;
    return this;
  }

  withLabels(labels: Record<string, string>): this {
    this.labels = { ...this.labels, ...labels };
    return this;
  }

  /**
   * The learner's working folder, mounted at /home/learner/<its name>, where the terminal starts. Not at its path
   * here: the entrypoint mounts a tmpfs on /tmp, which would hide a folder bound below it.
   */
  withWorkdir(folder: string): this {
    this.home = { source: folder, whole: false, folder: path.basename(folder) };
    return this;
  }

  /**
   * A folder of this machine as the learner's whole home (/home/learner). `folder` names the working folder in it;
   * null leaves it to be named later (a sandbox started ahead of its scenario, see StartedDindSandbox.useFolder).
   */
  withLearnerHome(source: string, folder: string | null): this {
    this.home = { source, whole: true, folder };
    return this;
  }

  withReadyTimeout(ms: number): this {
    this.readyTimeoutMs = ms;
    return this;
  }

  /** Skips the --privileged trial when the caller already knows the answer for this engine and image. */
  withPrivilegeProfile(profile: PrivilegeProfile | undefined): this {
    this.profile = profile ?? null;
    return this;
  }

  async start(): Promise<StartedDindSandbox> {
    const profile = this.profile ?? (await detectPrivilegeProfile(this.image, this.engine.docker));
    const binds: string[] = [];
    if (this.home) binds.push(`${this.home.source}:${this.home.whole ? LEARNER_HOME : learnerFolder(this.home.folder ?? "")}:rw`);
    if (this.template) binds.push(`${this.template.volume}:${TEMPLATE_MOUNT}:ro`);
    const running = await startDindContainer(this.engine.docker, {
      image: this.image,
      profile,
      labels: sessionLabels({ "org.dockproof.role": "sandbox", [SANDBOX_LABEL]: randomUUID(), ...this.labels }),
      binds,
      publishedPorts: this.publishedPorts,
      readyTimeoutMs: this.readyTimeoutMs,
    });
    const folder = this.home?.folder ?? null;
    const sandbox = new StartedDindSandbox(running, profile, this.engine.docker, this.image);
    if (folder !== null) sandbox.useFolder(folder);
    try {
      await this.seed(sandbox);
    } catch (error) {
      await sandbox.stop();
      throw error;
    }
    return sandbox;
  }

  /** Gives the sandbox its images (or checks what the template gave it) and says how. */
  private async seed(sandbox: StartedDindSandbox): Promise<void> {
    const expected = (this.template?.images ?? this.seeds).map(({ ref, id }) => ({ ref, id }));
    const started = performance.now();
    if (this.template) {
      const report = JSON.parse(await readFile(path.join(sandbox.apiFolder, "seeding.json"), "utf8")) as { mode: SeedingMode; ms: number };
      sandbox.seeding = report.mode;
      await verifySandboxImages(sandbox.docker, expected, `${report.mode} of ${describeTemplate(this.template)}`);
      sandbox.seedMs = report.ms + (performance.now() - started);
      return;
    }
    if (this.seeds.length === 0) return;
    await loadCombinedArchive(sandbox.docker, this.engine.docker, this.seeds, this.archiveDir ?? "");
    sandbox.seeding = "archive";
    await verifySandboxImages(sandbox.docker, expected, "loading one combined archive");
    sandbox.seedMs = performance.now() - started;
  }
}

/** Where the learner's folder is inside the sandbox: its name kept (`$(pwd)`, compose project names read it). */
const learnerFolder = (name: string): string => path.posix.join(LEARNER_HOME, name);

export class StartedDindSandbox implements StartedSandbox {
  readonly kind = "dind" as const;
  /** The door to this sandbox's own daemon. */
  readonly docker: Docker;
  readonly apiFolder: string;
  readyMs: number;
  seedMs = 0;
  seeding: SeedingMode = "none";
  /** Milliseconds the caller waited in stop(). */
  stopMs = 0;
  private stopped: Promise<void> | undefined;
  private workdir = LEARNER_HOME;

  private readonly ports: ReadonlyMap<number, number>;
  readonly id: string;

  constructor(
    running: RunningDindContainer,
    readonly privilegeProfile: PrivilegeProfile,
    /** The engine the sandbox's container runs on. */
    private readonly outer: Docker,
    readonly engineKey: string,
  ) {
    this.id = running.id;
    this.docker = running.inner;
    this.apiFolder = running.apiFolder;
    this.ports = running.ports;
    this.readyMs = running.readyMs;
  }

  get apiSocket(): string {
    return apiSocketOf(this.apiFolder);
  }

  /** The learner's folder below /home/learner: where the terminal starts. */
  useFolder(name: string): void {
    this.workdir = learnerFolder(name);
  }

  get terminal(): Terminal {
    return new ContainerTerminal(this.id, this.outer, this.workdir);
  }

  get privilege(): string {
    return this.privilegeProfile.kind;
  }

  localAddress(port: number): { host: string; port: number } {
    const mapped = this.ports.get(port);
    if (mapped === undefined) throw new PortNotPublishedError(port, [...this.ports.keys()]);
    return { host: "127.0.0.1", port: mapped };
  }

  daemonLogs(): Promise<string> {
    return containerLogs(this.outer, this.id, 200);
  }

  async health(): Promise<SandboxHealth> {
    const info = await this.outer.api.inspectContainer(this.id).catch((error: unknown) => error as Error);
    if (info instanceof Error) return { alive: false, reason: `the outer engine does not answer: ${info.message}`, code: "E_ENGINE_UNAVAILABLE" };
    if (info === null) return { alive: false, reason: "the sandbox container is gone" };
    const state = info.state;
    if (state.status !== "running") {
      const logs = (await this.daemonLogs()).trim().split("\n").slice(-15).join("\n");
      return {
        alive: false,
        reason: `the sandbox's daemon stopped (container ${state.status}, exit code ${state.exitCode})${logs ? `; its last log lines:\n${logs}` : ""}`,
      };
    }
    return (await this.docker.api.ping(5_000))
      ? { alive: true }
      : { alive: false, reason: `the sandbox's daemon does not answer _ping on ${this.apiSocket}` };
  }

  /** Removes the daemon with its anonymous /var/lib/docker volume, so nothing the lesson made survives. */
  stop(): Promise<void> {
    this.stopped ??= (async () => {
      const started = performance.now();
      try {
        await this.outer.api.removeContainer(this.id);
      } finally {
        await removeApiFolder(this.apiFolder);
        this.stopMs = performance.now() - started;
      }
    })();
    return this.stopped;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }
}
