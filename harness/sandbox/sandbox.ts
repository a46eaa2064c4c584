import type { Docker } from "../docker/docker.js";
import type { Terminal } from "../terminal/terminal.js";

/** Where a scenario's commands run: its own Docker-in-Docker daemon, or (isolation "host") the outer engine itself. */
export interface StartedSandbox extends AsyncDisposable {
  readonly kind: "dind" | "host";
  /** The door to this sandbox's daemon: checks and the harness's own calls; `docker.env` reaches it from a process. */
  readonly docker: Docker;
  /** Milliseconds from asking for the sandbox until its daemon answered `_ping`. */
  readonly readyMs: number;
  /** Milliseconds spent giving the daemon the scenario's images (and checking their ids). */
  readonly seedMs: number;
  /** How it got them. */
  readonly seeding?: SeedingMode;
  /** Milliseconds the caller waited in stop(); 0 until then. */
  readonly stopMs?: number;
  /** How the daemon got its rights ("privileged" or "capabilities"); null where no daemon was started. */
  readonly privilege: string | null;
  /** Identifies what runs the sandbox (its image): the engine facts of one are those of every other. */
  readonly engineKey: string;
  /** Where the lesson's commands run: the learner's terminal, in the working folder. */
  readonly terminal: Terminal;
  /** Where the harness reaches `localhost:port` as the scenario sees it; a port never published throws PortNotPublishedError. */
  localAddress(port: number): { host: string; port: number };
  /** The daemon's own log, for failure evidence. */
  daemonLogs(): Promise<string>;
  /**
   * Is the sandbox still there to blame the lesson on? Asked after a failure: a daemon that died or stops answering
   * (or an outer engine gone) makes the scenario an error of this machine, never a lesson verdict.
   */
  health(): Promise<SandboxHealth>;
  /**
   * Isolation host only: the engine's build cache is shared with whatever ran before the scenario, so each build
   * asks whether it used cache from before. A sandbox's own daemon starts empty and has none.
   */
  readonly buildCache?: BuildCacheWatch;
  stop(): Promise<void>;
}

/** A build as read from its output: enough to tell which cache it used. */
export interface BuiltSteps {
  builder: "buildkit" | "classic";
  steps: ReadonlyArray<{ cached: boolean; layerId: string | null }>;
}

/**
 * Cache from before the scenario that a build was the scenario's first to use (a later build using it again is as on
 * a fresh engine, where the earlier build would have made it), or why that cannot be known on this engine.
 */
export type CacheFound = { kind: "none" } | { kind: "found"; entries: string[] } | { kind: "unknown"; reason: string };

export interface BuildCacheWatch {
  afterBuild(build: BuiltSteps): Promise<CacheFound>;
}

/** An image to make available in the sandbox under the name the lesson uses. */
export interface SeedImage {
  /** The name lesson commands use, e.g. `node:20`. */
  readonly ref: string;
  /** The tag it has on the outer engine (substitutes live under a dockproof namespace there). */
  readonly localRef: string;
  /** Its image id: what the archive holds, whatever tags came with it. */
  readonly id: string;
}

/** Alive, or gone with why: the sandbox (its container or daemon) or the outer engine it runs on. */
export type SandboxHealth = { alive: true } | { alive: false; reason: string; code?: "E_SANDBOX_LOST" | "E_ENGINE_UNAVAILABLE" };

/**
 * template-mount: the template's layers bind-mounted read-only; template-copy: copied from it (bind mounts refused);
 * archive: one combined `docker save` archive loaded; host-retag: isolation host, tagged on the engine itself;
 * none: the scenario asked for no images.
 */
export type SeedingMode = "template-mount" | "template-copy" | "archive" | "host-retag" | "none";
