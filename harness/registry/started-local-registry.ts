import { rm } from "node:fs/promises";
import { type CliEnv, DockerClient } from "../docker/docker-client.js";
import type { ProcessFailureKind } from "../support/run-process.js";
import { mirrorPath } from "./hub-name.js";
import type { OutputTail, RegistryRequest } from "./registry-output.js";
import { RegistryError } from "./registry-error.js";

/** Both manifest formats a push from dockerd 20.10+ or BuildKit stores; the digest header is the pushed manifest's. */
const MANIFEST_TYPES = ["application/vnd.docker.distribution.manifest.v2+json", "application/vnd.oci.image.manifest.v1+json"].join(", ");

/** A running local registry: push images to it under Docker Hub names, read back what it holds, stop it. */
export class StartedLocalRegistry implements AsyncDisposable {
  /** `127.0.0.1:<port>`, the registry part of the names pushed to it. */
  readonly address: string;
  /** What a daemon takes as `--registry-mirror`. */
  readonly url: string;
  /** The storage folder it serves, for a second (read-only) registry that serves the same content elsewhere. */
  readonly storage: string;
  private readonly dir: string;
  private readonly output: OutputTail;
  private readonly stopServer: () => Promise<void>;
  private stopped: Promise<void> | undefined;

  constructor(options: { address: string; dir: string; storage: string; output: OutputTail; stop: () => Promise<void> }) {
    this.address = options.address;
    this.url = `http://${options.address}`;
    this.storage = options.storage;
    this.dir = options.dir;
    this.output = options.output;
    this.stopServer = options.stop;
  }

  /** Every request served so far, oldest first: which manifests a daemon asked the mirror for, and with what answer. */
  get requests(): readonly RegistryRequest[] {
    return this.output.requests;
  }

  /**
   * Pushes `localRef` from the engine at `engine` as the Hub image `hubRef` (`mongo` -> `library/mongo:latest`) and
   * returns the manifest digest the registry now serves for it. The engine pushes, so it must reach 127.0.0.1 here.
   */
  async push(engine: CliEnv, localRef: string, hubRef: string): Promise<string> {
    const { repository, tag } = mirrorPath(hubRef);
    const target = `${this.address}/${repository}:${tag}`;
    const docker = new DockerClient(engine, pushFailure);
    await docker.run(["tag", localRef, target], { what: `docker tag ${localRef} ${target}`, timeoutMs: 30_000 });
    try {
      await docker.run(["push", target], { what: `docker push ${target}`, timeoutMs: 5 * 60_000 });
    } finally {
      // Only the name made for the push goes; the image keeps its own tags.
      await docker.query(["rmi", target], { what: `docker rmi ${target}`, timeoutMs: 30_000 });
    }
    const digest = await this.manifestDigest(hubRef);
    if (!digest)
      throw new RegistryError("E_REGISTRY_PUSH", `expected ${this.url} to serve ${repository}:${tag} after docker push, found no such manifest`);
    return digest;
  }

  /** The digest the registry serves for a Hub name, or null when it holds no such tag. */
  async manifestDigest(hubRef: string): Promise<string | null> {
    const { repository, tag } = mirrorPath(hubRef);
    const url = `${this.url}/v2/${repository}/manifests/${tag}`;
    const response = await fetch(url, { method: "HEAD", headers: { Accept: MANIFEST_TYPES }, signal: AbortSignal.timeout(10_000) }).catch(
      (error: unknown) => {
        throw new RegistryError("E_REGISTRY_PUSH", `expected ${url} to answer HEAD within 10 s, found: ${String(error)}`, { cause: error });
      },
    );
    if (response.status === 404) return null;
    const digest = response.headers.get("docker-content-digest");
    if (response.status !== 200 || !digest)
      throw new RegistryError("E_REGISTRY_PUSH", `expected ${url} to answer 200 with a Docker-Content-Digest, found HTTP ${response.status}`);
    return digest;
  }

  /** Stops the server and removes its own folder (with its storage, unless it served another's); safe to call twice. */
  stop(): Promise<void> {
    this.stopped ??= (async () => {
      try {
        await this.stopServer();
      } finally {
        await rm(this.dir, { recursive: true, force: true });
      }
    })();
    return this.stopped;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }
}

const pushFailure = (_kind: ProcessFailureKind, message: string) => new RegistryError("E_REGISTRY_PUSH", message);
