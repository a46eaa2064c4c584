import { readFileSync } from "node:fs";
import type { ContainerRuntimeClient } from "testcontainers";
import { DockerClient } from "../docker/docker-client.js";
import type { EngineConnection } from "../outer-engine/engine-connection.js";
import { SandboxError } from "../support/errors.js";
import { API_MOUNT, API_SOCKET, apiSocketOf, createApiFolder, removeApiFolder } from "./api-folder.js";
import type { PrivilegeProfile } from "./privilege-profile.js";
import { pingSocket } from "./sandbox-api.js";

type Dockerode = ContainerRuntimeClient["container"]["dockerode"];
export type DockerodeContainer = ReturnType<Dockerode["getContainer"]>;
type CreateOptions = Parameters<Dockerode["createContainer"]>[0];

/** Read once: the prologue every sandbox and template builder runs before the engine image's entrypoint. */
const PROLOGUE = readFileSync(new URL("./template-seed.sh", import.meta.url), "utf8");

/** Where a template's data root is mounted (read-only) for the prologue. */
export const TEMPLATE_MOUNT = "/run/dockproof-template";

export interface DindContainerSpec {
  image: string;
  profile: PrivilegeProfile;
  labels: Record<string, string>;
  /** host-path:container-path[:options], or volume-name:container-path[:options]. */
  binds: readonly string[];
  /** Ports the lesson publishes: bound to the host's loopback only. */
  publishedPorts: readonly number[];
  readyTimeoutMs: number;
}

export interface RunningDindContainer {
  container: DockerodeContainer;
  id: string;
  /** This machine's folder with the daemon's API socket (see api-folder.ts). */
  apiFolder: string;
  apiSocket: string;
  /** Milliseconds from asking for the container to its daemon answering `_ping`. */
  readyMs: number;
  /** Container port -> host port on 127.0.0.1. */
  ports: Map<number, number>;
}

const entrypoints = new Map<string, Promise<string[]>>();

/** The engine image's own entrypoint (`dockerd-entrypoint.sh`), which the prologue execs; asked once per image. */
function entrypointOf(dockerode: Dockerode, image: string): Promise<string[]> {
  let entrypoint = entrypoints.get(image);
  if (!entrypoint) {
    entrypoint = dockerode
      .getImage(image)
      .inspect()
      .then((info) => {
        const value = info.Config?.Entrypoint as string[] | string | null | undefined;
        return Array.isArray(value) ? value : value ? [value] : [];
      });
    entrypoint.catch(() => entrypoints.delete(image));
    entrypoints.set(image, entrypoint);
  }
  return entrypoint;
}

function privilegeConfig(profile: PrivilegeProfile): NonNullable<CreateOptions["HostConfig"]> {
  if (profile.kind === "privileged") return { Privileged: true };
  // `systempaths=unconfined` is CLI sugar: the API wants empty masked and read-only path lists instead.
  const unconfinedPaths = profile.securityOpt.includes("systempaths=unconfined");
  return {
    CapAdd: profile.capAdd,
    CapDrop: profile.capDrop,
    SecurityOpt: profile.securityOpt.filter((option) => option !== "systempaths=unconfined"),
    ...(unconfinedPaths ? { MaskedPaths: [], ReadonlyPaths: [] } : {}),
  };
}

/**
 * Creates and starts a Docker-in-Docker container through the engine's API (two calls, no CLI process) and waits
 * for its daemon to answer on the API socket; its exit while we wait fails at once with its last log lines. The
 * daemon listens on unix sockets only: dockerd sleeps a second on purpose at every start that listens on TCP.
 */
export async function startDindContainer(engine: EngineConnection, spec: DindContainerSpec): Promise<RunningDindContainer> {
  const started = performance.now();
  const dockerode = engine.client.container.dockerode;
  const apiFolder = await createApiFolder();
  const apiSocket = apiSocketOf(apiFolder);
  let container: DockerodeContainer | undefined;
  try {
    const entrypoint = await entrypointOf(dockerode, spec.image);
    const exposed = Object.fromEntries(spec.publishedPorts.map((port) => [`${port}/tcp`, {}]));
    const bindings = Object.fromEntries(spec.publishedPorts.map((port) => [`${port}/tcp`, [{ HostIp: "127.0.0.1", HostPort: "0" }]]));
    const profileBinds = spec.profile.kind === "capabilities" ? spec.profile.binds : [];
    container = await dockerode.createContainer({
      Image: spec.image,
      Entrypoint: ["sh", "-c", PROLOGUE, "dockproof-prologue"],
      Cmd: [...entrypoint, "dockerd", "--host=unix:///var/run/docker.sock", `--host=unix://${API_MOUNT}/${API_SOCKET}`],
      // The official docker:dind would otherwise generate TLS certificates.
      Env: ["DOCKER_TLS_CERTDIR="],
      Labels: spec.labels,
      ExposedPorts: exposed,
      HostConfig: {
        ...privilegeConfig(spec.profile),
        Binds: [...profileBinds, `${apiFolder}:${API_MOUNT}:rw`, ...spec.binds],
        PortBindings: bindings,
      },
    });
    await container.start();
    await waitForDaemon(container, apiSocket, spec);
    const ports = spec.publishedPorts.length > 0 ? await mappedPorts(container) : new Map<number, number>();
    return { container, id: container.id, apiFolder, apiSocket, readyMs: performance.now() - started, ports };
  } catch (error) {
    const lastLogs = container ? await removeFailed(container.id, engine.cliEnv) : "";
    await removeApiFolder(apiFolder);
    if (error instanceof SandboxError) {
      throw new SandboxError(error.code, error.message + (lastLogs ? `; its last log lines:\n${lastLogs}` : ""), { cause: error.cause });
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new SandboxError(
      "E_SANDBOX_START",
      `expected the Docker-in-Docker container (${spec.image}) to start; found: ${reason}${lastLogs ? `; its last log lines:\n${lastLogs}` : ""}`,
      { cause: error },
    );
  }
}

async function waitForDaemon(container: DockerodeContainer, apiSocket: string, spec: DindContainerSpec): Promise<void> {
  const abort = new AbortController();
  let exited: { StatusCode?: number } | null = null;
  const exit = container
    .wait({ abortSignal: abort.signal })
    .then((result: { StatusCode?: number }) => (exited = result))
    .catch(() => null);
  const deadline = performance.now() + spec.readyTimeoutMs;
  try {
    for (;;) {
      if (exited !== null)
        throw new SandboxError(
          "E_SANDBOX_START",
          `expected the Docker-in-Docker sandbox (${spec.image}, ${describeProfile(spec.profile)}) to answer _ping; found: it exited with code ${(exited as { StatusCode?: number }).StatusCode ?? "unknown"}`,
        );
      if (await pingSocket(apiSocket, 2_000)) return;
      if (performance.now() > deadline)
        throw new SandboxError(
          "E_SANDBOX_START",
          `expected the Docker-in-Docker sandbox (${spec.image}, ${describeProfile(spec.profile)}) to answer _ping within ${spec.readyTimeoutMs} ms; found no answer on ${apiSocket}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    abort.abort();
    await exit;
  }
}

async function mappedPorts(container: DockerodeContainer): Promise<Map<number, number>> {
  const info = await container.inspect();
  const ports = new Map<number, number>();
  for (const [key, bindings] of Object.entries(info.NetworkSettings.Ports ?? {})) {
    const hostPort = bindings?.find((binding) => binding.HostIp === "127.0.0.1")?.HostPort;
    if (hostPort) ports.set(Number.parseInt(key, 10), Number(hostPort));
  }
  return ports;
}

export function describeProfile(profile: PrivilegeProfile): string {
  return profile.kind === "privileged" ? "--privileged" : `capability profile (--privileged refused: ${profile.privilegedError})`;
}

const outputOf = (result: { lines: ReadonlyArray<{ text: string }> }) =>
  result.lines
    .map((line) => line.text)
    .join("\n")
    .trim();

/** The failed container's last words, then nothing of it may stay behind. */
async function removeFailed(id: string, env: Readonly<Record<string, string>>): Promise<string> {
  const docker = new DockerClient(env);
  const logs = outputOf(await docker.query(["logs", "--tail", "15", id], { what: `the failed sandbox's last log lines (${id})`, timeoutMs: 10_000 }));
  await docker.query(["rm", "-f", "-v", id], { what: `removing the failed sandbox ${id}`, timeoutMs: 30_000 });
  return logs;
}

/** Kills and removes a container with its anonymous volumes (a sandbox's /var/lib/docker); gone already is fine. */
export async function removeDindContainer(container: DockerodeContainer): Promise<void> {
  try {
    await container.remove({ force: true, v: true });
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error;
  }
}

/** Reads the daemon's last log lines through the CLI (the API's log stream is multiplexed). */
export async function containerLogs(id: string, env: Readonly<Record<string, string>>, tail: number): Promise<string> {
  return outputOf(
    await new DockerClient(env).query(["logs", "--tail", String(tail), id], { what: `the sandbox daemon's log (${id})`, timeoutMs: 10_000 }),
  );
}
