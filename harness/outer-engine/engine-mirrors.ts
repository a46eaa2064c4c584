import type { Docker } from "../docker/docker.js";
import { EngineUnavailableError } from "../support/errors.js";

/**
 * The registry mirrors an engine pulls Docker Hub images through, as it reports them (`docker info`). The option
 * reaches only a dockerd dockproof starts; an engine already running keeps its own daemon.json, and this says which.
 */
export async function engineMirrors(engine: Docker): Promise<string[]> {
  const result = await engine.run(["info", "--format", "{{json .RegistryConfig.Mirrors}}"], {
    what: `the registry mirrors of the engine at ${engine.env.DOCKER_HOST ?? "the default socket"}`,
    timeoutMs: 20_000,
  });
  const mirrors = JSON.parse(result.stdout.trim() || "null") as unknown;
  if (mirrors === null) return [];
  if (!Array.isArray(mirrors) || !mirrors.every((mirror) => typeof mirror === "string"))
    throw new EngineUnavailableError("E_ENGINE_MIRRORS", `expected docker info to list the mirrors as strings, found ${result.stdout.trim()}`);
  return mirrors;
}
