import { readFileSync } from "node:fs";
import path from "node:path";
import type Dockerode from "dockerode";
import type DockerModem from "docker-modem";
import { DockerError } from "./docker-error.js";
import type { ApiAnswer, CliEnv, ContainerCreateBody, ContainerInspect, DockerApi, EngineVersion, ImageSummary } from "./docker.js";
import { apiGet, pingSocket } from "./socket-api.js";

/** A dockerode client as testcontainers hands it out (its version may differ from ours by a patch). */
export type DockerodeLike = unknown;

/** Where the engine's API is, read off DOCKER_HOST as the CLI reads it (a unix socket, or tcp with TLS variables). */
function dockerodeOptions(env: CliEnv): Dockerode.DockerOptions {
  const host = env.DOCKER_HOST ?? "unix:///var/run/docker.sock";
  if (host.startsWith("unix://")) return { socketPath: host.slice("unix://".length) };
  const url = new URL(host.replace(/^tcp:/, "http:"));
  if (env.DOCKER_TLS_VERIFY !== "1") return { host: url.hostname, port: url.port || 2375, protocol: "http" };
  const certs = env.DOCKER_CERT_PATH ?? "";
  const read = (name: string) => readFileSync(path.join(certs, name));
  return { host: url.hostname, port: url.port || 2376, protocol: "https", ca: read("ca.pem"), cert: read("cert.pem"), key: read("key.pem") };
}

const apiError = (what: string, error: unknown) =>
  new DockerError("exit", `${what}: the engine API answered ${(error as Error).message}`, { cause: error });

/**
 * The engine's API: dockerode (loaded on the first call, so commands that never reach an engine never load it), and
 * for an engine on a unix socket its quick questions (`_ping`, one GET) over node:http, a millisecond each.
 */
export class EngineApi implements DockerApi {
  private client: Promise<Dockerode> | undefined;
  private readonly socketPath: string | null;

  constructor(
    private readonly env: CliEnv,
    private readonly given: DockerodeLike | undefined,
  ) {
    this.socketPath = env.DOCKER_HOST?.startsWith("unix://") ? env.DOCKER_HOST.slice("unix://".length) : null;
  }

  private dockerode(): Promise<Dockerode> {
    this.client ??= this.given
      ? Promise.resolve(this.given as Dockerode)
      : import("dockerode").then(({ default: Client }) => new Client(dockerodeOptions(this.env)));
    return this.client;
  }

  async ping(timeoutMs: number): Promise<boolean> {
    if (this.socketPath) return pingSocket(this.socketPath, timeoutMs);
    return (await this.get("/_ping", timeoutMs).catch(() => ({ status: 0, body: "" }))).status === 200;
  }

  async get(apiPath: string, timeoutMs: number): Promise<ApiAnswer> {
    if (this.socketPath) return apiGet(this.socketPath, apiPath, timeoutMs);
    const body = await this.request<unknown>({ method: "GET", path: apiPath, what: `GET ${apiPath}` });
    return { status: 200, body: typeof body === "string" ? body : JSON.stringify(body) };
  }

  async request<T>(options: { method: "GET" | "POST"; path: string; query?: Record<string, unknown>; what: string }): Promise<T> {
    const modem = (await this.dockerode()).modem;
    const dial: DockerModem.DialOptions = {
      path: `${options.path}?`,
      method: options.method,
      options: options.query ?? {},
      statusCodes: { 200: true, 204: true, 400: "bad parameter", 404: "not found", 500: "server error" },
    };
    return new Promise((resolve, reject) => modem.dial(dial, (error, data) => (error ? reject(apiError(options.what, error)) : resolve(data as T))));
  }

  async version(): Promise<EngineVersion> {
    const version = await (await this.dockerode()).version();
    return {
      version: version.Version ?? "",
      apiVersion: version.ApiVersion ?? "",
      components: (version.Components ?? []).map((component) => component.Name),
    };
  }

  async imageEntrypoint(ref: string): Promise<string[]> {
    const info = await (await this.dockerode()).getImage(ref).inspect();
    const value = info.Config?.Entrypoint as string[] | string | null | undefined;
    return Array.isArray(value) ? value : value ? [value] : [];
  }

  async listImages(options: { all: boolean }): Promise<ImageSummary[]> {
    const images = await (await this.dockerode()).listImages({ all: options.all });
    return images.map((image) => ({ id: image.Id, parentId: image.ParentId ?? "", repoTags: image.RepoTags ?? [] }));
  }

  async createContainer(body: ContainerCreateBody): Promise<string> {
    return (await (await this.dockerode()).createContainer(body as Dockerode.ContainerCreateOptions)).id;
  }

  async startContainer(id: string): Promise<void> {
    await (await this.dockerode()).getContainer(id).start();
  }

  async waitContainer(id: string, signal: AbortSignal): Promise<number | undefined> {
    const result = (await (await this.dockerode()).getContainer(id).wait({ abortSignal: signal })) as { StatusCode?: number };
    return result.StatusCode;
  }

  async inspectContainer(id: string): Promise<ContainerInspect | null> {
    try {
      const info = await (await this.dockerode()).getContainer(id).inspect();
      const ports = Object.fromEntries(
        Object.entries(info.NetworkSettings.Ports ?? {}).map(([key, bindings]) => [
          key,
          bindings ? bindings.map((binding) => ({ hostIp: binding.HostIp, hostPort: binding.HostPort })) : null,
        ]),
      );
      return { state: { status: info.State.Status, exitCode: info.State.ExitCode, error: info.State.Error }, ports };
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return null;
      throw error;
    }
  }

  async stopContainer(id: string, timeoutSeconds: number): Promise<void> {
    await (await this.dockerode()).getContainer(id).stop({ t: timeoutSeconds });
  }

  async removeContainer(id: string): Promise<void> {
    try {
      await (await this.dockerode()).getContainer(id).remove({ force: true, v: true });
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode !== 404) throw error;
    }
  }
}
