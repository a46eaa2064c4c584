import { getContainerRuntimeClient, type ContainerRuntimeClient } from "testcontainers";
import { EngineUnavailableError } from "../support/errors.js";
import { withDeadline } from "../support/deadline.js";

/** The outer engine as testcontainers found it, plus the environment the docker CLI needs to reach it. */
export interface EngineConnection {
  readonly client: ContainerRuntimeClient;
  /** `DOCKER_HOST` (and TLS variables when used) for docker CLI calls against this engine. */
  readonly cliEnv: Readonly<Record<string, string>>;
  readonly serverVersion: string;
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
  const client = await withDeadline(getContainerRuntimeClient(), timeoutMs, "testcontainers to find a Docker engine");
  const modem = (client.container.dockerode as unknown as { modem: ModemLike }).modem;
  return {
    client,
    cliEnv: cliEnvFromModem(modem),
    serverVersion: String(client.info.containerRuntime.serverVersion),
  };
}
