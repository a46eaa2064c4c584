import { type StartedTestContainer, Wait } from "testcontainers";
import { type CliEnv, DockerClient } from "../docker/docker-client.js";
import { detectPrivilegeProfile } from "../sandbox/privilege-profile.js";
import { SandboxContainer } from "../sandbox/sandbox-container.js";
import { sessionLabels } from "../sandbox/session.js";
import { pollUntil } from "../support/deadline.js";
import { LocalRegistry } from "./local-registry.js";
import { RegistryError } from "./registry-error.js";
import { registryMirrorFlags } from "./registry-mirror-option.js";
import type { StartedLocalRegistry } from "./started-local-registry.js";

const API_PORT = 2375;
/** Where the mirror listens inside the engine's own network namespace: a fresh namespace, so the port is free. */
const MIRROR_ADDRESS = "127.0.0.1:5000";

/**
 * Builder for a throwaway dockerd (a container of a DinD image on the outer engine's default network, as the sandboxes
 * run) that pulls Docker Hub names through a registry mirror on its own 127.0.0.1: a fresh CI runner's engine,
 * without reconfiguring or restarting the shared one. Never on the host network: a second dockerd there would share
 * and, on exit, delete the outer engine's docker0 bridge. The mirror is a second, read-only registry process serving
 * the local registry's storage, put into the container's network namespace with nsenter.
 */
export class MirrorEngine {
  private readyTimeoutMs = 60_000;
  private log: (line: string) => void = () => {};

  constructor(
    private readonly image: string,
    private readonly outer: CliEnv,
    private readonly registry: StartedLocalRegistry,
  ) {}

  withReadyTimeout(ms: number): this {
    this.readyTimeoutMs = ms;
    return this;
  }

  withLog(log: (line: string) => void): this {
    this.log = log;
    return this;
  }

  async start(): Promise<StartedMirrorEngine> {
    const profile = await detectPrivilegeProfile(this.image, this.outer);
    const mirrorUrl = `http://${MIRROR_ADDRESS}/`;
    const command = ["dockerd", `--host=tcp://0.0.0.0:${API_PORT}`, "--tls=false", ...registryMirrorFlags([mirrorUrl])];
    let container: StartedTestContainer;
    try {
      container = await new SandboxContainer(this.image)
        .withPrivilegeProfile(profile)
        .withLoopbackPorts(API_PORT)
        .withCommand(command)
        .withEnvironment({ DOCKER_TLS_CERTDIR: "" })
        .withLabels(sessionLabels({ "org.dockproof.role": "mirror-engine" }))
        .withWaitStrategy(Wait.forLogMessage(/API listen on .*:2375/))
        .withStartupTimeout(this.readyTimeoutMs)
        .start();
    } catch (error) {
      throw new RegistryError(
        "E_MIRROR_ENGINE",
        `expected ${this.image} (${command.join(" ")}) to log "API listen on …:${API_PORT}" within ${this.readyTimeoutMs} ms; found: ${(error as Error).message}`,
        { cause: error },
      );
    }
    const engine = new StartedMirrorEngine(container, mirrorUrl);
    try {
      const inspect = await new DockerClient(this.outer).run(["inspect", "--format", "{{.State.Pid}}", container.getId()], {
        what: "the mirror engine's process id",
        timeoutMs: 20_000,
      });
      engine.mirror = await new LocalRegistry()
        .withLog(this.log)
        .withStorage(this.registry.storage, { readOnly: true })
        .inNetworkNamespaceOf(Number(inspect.stdout.trim()), MIRROR_ADDRESS)
        .start();
      await pollUntil(async () => ((await fetch(`${engine.apiUrl}/_ping`, { signal: AbortSignal.timeout(2_000) })).ok ? true : undefined), {
        timeoutMs: 10_000,
        intervalMs: 100,
        waitedFor: `the mirror engine's API (${engine.apiUrl}) to answer _ping`,
      });
    } catch (error) {
      await engine.stop();
      throw new RegistryError(
        "E_MIRROR_ENGINE",
        `expected the mirror engine to serve its mirror and answer _ping; found: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    return engine;
  }
}

/** A running mirror engine: DOCKER_HOST for it, the mirror it pulls through (with the requests it served), stop. */
export class StartedMirrorEngine implements AsyncDisposable {
  readonly cliEnv: CliEnv;
  readonly apiUrl: string;
  /** Set once the in-namespace registry listens; every manifest and blob the engine pulled is in its requests. */
  mirror: StartedLocalRegistry | undefined;
  private stopped: Promise<void> | undefined;

  constructor(
    private readonly container: StartedTestContainer,
    /** The mirror URL the engine was started with, as `docker info` reports it. */
    readonly mirrorUrl: string,
  ) {
    this.apiUrl = `http://127.0.0.1:${container.getMappedPort(API_PORT)}`;
    this.cliEnv = { DOCKER_HOST: `tcp://127.0.0.1:${container.getMappedPort(API_PORT)}` };
  }

  get id(): string {
    return this.container.getId();
  }

  /** Stops the mirror, then removes the daemon with its anonymous /var/lib/docker volume: nothing it pulled stays. */
  stop(): Promise<void> {
    this.stopped ??= (async () => {
      try {
        await this.mirror?.stop();
      } finally {
        await this.container.stop({ timeout: 0, removeVolumes: true });
      }
    })();
    return this.stopped;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }
}
