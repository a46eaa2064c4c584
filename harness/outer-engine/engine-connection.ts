import { openDocker } from "../docker/cli-docker.js";
import type { Docker } from "../docker/docker.js";
import { EngineUnavailableError } from "../support/errors.js";
import { withDeadline } from "../support/deadline.js";

/** The outer engine as testcontainers found it: the door to it, and what it said of itself. */
export interface EngineConnection {
  /** Every call dockproof makes to this engine (its CLI with `DOCKER_HOST` aimed at it, and its API). */
  readonly docker: Docker;
  readonly serverVersion: string;
  /** The host its published ports are on (`localhost` for a local socket). */
  readonly host: string;
}

interface ModemLike {
  socketPath?: string;
  host?: string;
  port?: number | string;
  protocol?: string;
  ca?: unknown;
}

/** testcontainers hides the strategy's URI; dockerode's modem still holds what it connected to. */
export function cliEnvFromModem(modem: ModemLike, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  if (modem.socketPath) return { DOCKER_HOST: `unix://${modem.socketPath}` };
  if (modem.host) {
    const tls = modem.protocol === "https";
    const cliEnv: Record<string, string> = { DOCKER_HOST: `tcp://${modem.host}:${modem.port ?? (tls ? 2376 : 2375)}` };
    if (tls) {
      cliEnv.DOCKER_TLS_VERIFY = "1";
      if (env.DOCKER_CERT_PATH) cliEnv.DOCKER_CERT_PATH = env.DOCKER_CERT_PATH;
    }
    return cliEnv;
  }
  throw new EngineUnavailableError(
    "E_ENGINE_ADDRESS",
    `expected the engine connection to name a socket path or a host, found ${JSON.stringify(modem)}`,
  );
}

/** Asks testcontainers for the engine (DOCKER_HOST, ~/.testcontainers.properties, socket, remote). */
export async function connectToEngine(timeoutMs = 20_000): Promise<EngineConnection> {
  // Loaded here, not at the top: commands that never reach an engine (validate, coverage, --help) never load it.
  const { getContainerRuntimeClient } = await import("testcontainers");
  const client = await withDeadline(getContainerRuntimeClient(), timeoutMs, "testcontainers to find a Docker engine");
  const dockerode = client.container.dockerode;
  return {
    docker: openDocker(cliEnvFromModem((dockerode as unknown as { modem: ModemLike }).modem), { dockerode }),
    serverVersion: String(client.info.containerRuntime.serverVersion),
    host: client.info.containerRuntime.host,
  };
}
