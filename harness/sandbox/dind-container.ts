import { readFileSync } from "node:fs";
import type { Docker } from "../docker/docker.js";
import { SandboxError } from "../support/errors.js";
import { API_MOUNT, API_SOCKET, apiSocketOf, createApiFolder, removeApiFolder } from "./api-folder.js";
import type { PrivilegeProfile } from "./privilege-profile.js";

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
  id: string;
  /** This machine's folder with the daemon's API socket (see api-folder.ts). */
  apiFolder: string;
  apiSocket: string;
  /** The door to the daemon inside, on that socket. */
  inner: Docker;
  /** Milliseconds from asking for the container to its daemon answering `_ping`. */
  readyMs: number;
  /** Container port -> host port on 127.0.0.1. */
  ports: Map<number, number>;
}

const entrypoints = new Map<string, Promise<string[]>>();

/** The engine image's own entrypoint (`dockerd-entrypoint.sh`), which the prologue execs; asked once per image. */
function entrypointOf(outer: Docker, image: string): Promise<string[]> {
  let entrypoint = entrypoints.get(image);
  if (!entrypoint) {
    entrypoint = outer.api.imageEntrypoint(image);
    entrypoint.catch(() => entrypoints.delete(image));
    entrypoints.set(image, entrypoint);
  }
  return entrypoint;
}

function privilegeConfig(profile: PrivilegeProfile): Record<string, unknown> {
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
export async function startDindContainer(outer: Docker, spec: DindContainerSpec): Promise<RunningDindContainer> {
  const started = performance.now();
  const apiFolder = await createApiFolder();
  const apiSocket = apiSocketOf(apiFolder);
  let id: string | undefined;
  try {
    const entrypoint = await entrypointOf(outer, spec.image);
    const exposed = Object.fromEntries(spec.publishedPorts.map((port) => [`${port}/tcp`, {}]));
    const bindings = Object.fromEntries(spec.publishedPorts.map((port) => [`${port}/tcp`, [{ HostIp: "127.0.0.1", HostPort: "0" }]]));
    const profileBinds = spec.profile.kind === "capabilities" ? spec.profile.binds : [];
    id = await outer.api.createContainer({
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
    await outer.api.startContainer(id);
    const inner = outer.at({ DOCKER_HOST: `unix://${apiSocket}` });
    await waitForDaemon(outer, id, inner, spec);
    const ports = spec.publishedPorts.length > 0 ? await mappedPorts(outer, id) : new Map<number, number>();
    return { id, apiFolder, apiSocket, inner, readyMs: performance.now() - started, ports };
  } catch (error) {
    const lastLogs = id ? await removeFailed(outer, id) : "";
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

async function waitForDaemon(outer: Docker, id: string, inner: Docker, spec: DindContainerSpec): Promise<void> {
  const abort = new AbortController();
  let exited: { code: number | undefined } | null = null;
  const exit = outer.api
    .waitContainer(id, abort.signal)
    .then((code) => (exited = { code }))
    .catch(() => null);
  const deadline = performance.now() + spec.readyTimeoutMs;
  try {
    for (;;) {
      if (exited !== null)
        throw new SandboxError(
          "E_SANDBOX_START",
          `expected the Docker-in-Docker sandbox (${spec.image}, ${describeProfile(spec.profile)}) to answer _ping; found: it exited with code ${(exited as { code: number | undefined }).code ?? "unknown"}`,
        );
      if (await inner.api.ping(2_000)) return;
      if (performance.now() > deadline)
        throw new SandboxError(
          "E_SANDBOX_START",
          `expected the Docker-in-Docker sandbox (${spec.image}, ${describeProfile(spec.profile)}) to answer _ping within ${spec.readyTimeoutMs} ms; found no answer on ${inner.env.DOCKER_HOST}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    abort.abort();
    await exit;
  }
}

async function mappedPorts(outer: Docker, id: string): Promise<Map<number, number>> {
  const info = await outer.api.inspectContainer(id);
  const ports = new Map<number, number>();
  for (const [key, bindings] of Object.entries(info?.ports ?? {})) {
    const hostPort = bindings?.find((binding) => binding.hostIp === "127.0.0.1")?.hostPort;
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
async function removeFailed(outer: Docker, id: string): Promise<string> {
  const logs = outputOf(await outer.query(["logs", "--tail", "15", id], { what: `the failed sandbox's last log lines (${id})`, timeoutMs: 10_000 }));
  await outer.query(["rm", "-f", "-v", id], { what: `removing the failed sandbox ${id}`, timeoutMs: 30_000 });
  return logs;
}

/** Reads the daemon's last log lines through the CLI (the API's log stream is multiplexed). */
export async function containerLogs(outer: Docker, id: string, tail: number): Promise<string> {
  return outputOf(await outer.query(["logs", "--tail", String(tail), id], { what: `the sandbox daemon's log (${id})`, timeoutMs: 10_000 }));
}
