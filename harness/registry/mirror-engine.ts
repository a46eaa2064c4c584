import { RandomPortGenerator, type StartedTestContainer, Wait } from "testcontainers";
import type { CliEnv } from "../docker/docker-client.js";
import { detectPrivilegeProfile } from "../sandbox/privilege-profile.js";
import { SandboxContainer } from "../sandbox/sandbox-container.js";
import { sessionLabels } from "../sandbox/session.js";
import { pollUntil } from "../support/deadline.js";
import { RegistryError } from "./registry-error.js";
import { registryMirrorFlags } from "./registry-mirror-option.js";

/**
 * Builder for a throwaway dockerd (a container of a DinD image on the outer engine) that pulls Docker Hub names through
 * registry mirrors: a fresh CI runner's engine, without reconfiguring or restarting the shared one. It shares the
 * host's network namespace so that a mirror on 127.0.0.1 is its 127.0.0.1 too; hence it makes no bridge and no
 * iptables rules (they would be the host's): it pulls, inspects and builds, but its containers get no network.
 */
export class MirrorEngine {
  private mirrors: string[] = [];
  private readyTimeoutMs = 60_000;

  constructor(
    private readonly image: string,
    private readonly outer: CliEnv,
  ) {}

  withRegistryMirror(url: string): this {
    this.mirrors.push(url);
    return this;
  }

  withReadyTimeout(ms: number): this {
    this.readyTimeoutMs = ms;
    return this;
  }

  async start(): Promise<StartedMirrorEngine> {
    const profile = await detectPrivilegeProfile(this.image, this.outer);
    const port = await new RandomPortGenerator().generatePort();
    const command = [
      "dockerd",
      `--host=tcp://127.0.0.1:${port}`,
      "--tls=false",
      ...["--bridge=none", "--iptables=false", "--ip6tables=false"],
      ...registryMirrorFlags(this.mirrors),
    ];
    let container: StartedTestContainer;
    try {
      container = await new SandboxContainer(this.image)
        .withPrivilegeProfile(profile)
        .withNetworkMode("host")
        .withCommand(command)
        .withEnvironment({ DOCKER_TLS_CERTDIR: "" })
        .withLabels(sessionLabels({ "org.dockproof.role": "mirror-engine" }))
        .withWaitStrategy(Wait.forLogMessage(`API listen on 127.0.0.1:${port}`))
        .withStartupTimeout(this.readyTimeoutMs)
        .start();
    } catch (error) {
      throw new RegistryError(
        "E_MIRROR_ENGINE",
        `expected ${this.image} (${command.join(" ")}) to log "API listen on 127.0.0.1:${port}" within ${this.readyTimeoutMs} ms; found: ${(error as Error).message}`,
        { cause: error },
      );
    }
    const engine = new StartedMirrorEngine(container, port, this.mirrors);
    try {
      await pollUntil(async () => ((await fetch(`http://127.0.0.1:${port}/_ping`, { signal: AbortSignal.timeout(2_000) })).ok ? true : undefined), {
        timeoutMs: 10_000,
        intervalMs: 100,
        waitedFor: `the mirror engine's API on 127.0.0.1:${port} to answer _ping`,
      });
    } catch (error) {
      await engine.stop();
      throw new RegistryError(
        "E_MIRROR_ENGINE",
        `expected the mirror engine to answer _ping after "API listen"; found: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    return engine;
  }
}

export class StartedMirrorEngine implements AsyncDisposable {
  /** DOCKER_HOST for the docker CLI (and prepareImages' dockerHost). */
  readonly cliEnv: CliEnv;
  private stopped: Promise<void> | undefined;

  constructor(
    private readonly container: StartedTestContainer,
    port: number,
    readonly mirrors: readonly string[],
  ) {
    this.cliEnv = { DOCKER_HOST: `tcp://127.0.0.1:${port}` };
  }

  get id(): string {
    return this.container.getId();
  }

  /** Removes the daemon with its anonymous /var/lib/docker volume: nothing it pulled stays on the outer engine. */
  stop(): Promise<void> {
    this.stopped ??= this.container.stop({ timeout: 0, removeVolumes: true }).then(() => undefined);
    return this.stopped;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }
}
