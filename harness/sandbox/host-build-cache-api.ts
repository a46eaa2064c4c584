import type { Docker } from "../docker/docker.js";
import { SandboxError } from "../support/errors.js";

/** One BuildKit cache record as the engine lists it (`GET /system/df`). */
export interface CacheRecord {
  id: string;
  parents: string[];
  type: string;
  description: string;
  usageCount: number;
  lastUsedAt: string | null;
  createdAt: string | null;
}

interface RawRecord {
  ID: string;
  Parent?: string;
  Parents?: string[] | null;
  Type?: string;
  Description?: string;
  UsageCount?: number;
  LastUsedAt?: string | null;
  CreatedAt?: string | null;
}

/** The oldest engine API whose build-cache listing and prune-by-id were seen to work (Docker 20.10). */
export const MIN_API = [1, 41] as const;

/**
 * The engine's BuildKit cache through its API. dockerode 4.0.12's `df()` and `pruneBuilder()` drop their options (no
 * `filters` reaches the engine, so a prune "by id" would prune every dangling record): these are raw API calls.
 */
export class BuildCacheApi {
  constructor(private readonly docker: Docker) {}

  private async call<T>(options: { method: "GET" | "POST"; path: string; query: Record<string, unknown> }, what: string): Promise<T> {
    try {
      return await this.docker.api.request<T>({ ...options, what });
    } catch (error) {
      throw new SandboxError("E_SANDBOX", `${what}: ${(error as Error).message}`, { cause: error });
    }
  }

  /**
   * Why this engine's cache cannot be listed and pruned record by record, or null when it can. An engine that
   * ignored the id filter would prune everything, so only engines known to honour it are trusted.
   */
  async unsupported(): Promise<string | null> {
    const version = await this.docker.api.version();
    const components = version.components.join(", ");
    if (/podman/i.test(components) || /podman/i.test(version.version)) return `the engine is Podman (${components})`;
    const [major = 0, minor = 0] = version.apiVersion.split(".").map(Number);
    if (major < MIN_API[0] || (major === MIN_API[0] && minor < MIN_API[1]))
      return `the engine's API is ${version.apiVersion}, older than ${MIN_API.join(".")} (Docker 20.10), where pruning one record by id was checked`;
    return null;
  }

  async list(): Promise<CacheRecord[]> {
    // `type` narrows the answer from API 1.42 on; older engines ignore it and answer everything.
    const df = await this.call<{ BuildCache?: RawRecord[] | null }>(
      { path: "/system/df", method: "GET", query: { type: "build-cache" } },
      "listing the engine's build cache",
    );
    if (!Array.isArray(df.BuildCache))
      throw new SandboxError("E_SANDBOX", "listing the engine's build cache: the engine answered no BuildCache list");
    return df.BuildCache.map((raw) => ({
      id: raw.ID,
      parents: raw.Parents ?? (raw.Parent ? [raw.Parent] : []),
      type: raw.Type ?? "",
      description: raw.Description ?? "",
      usageCount: raw.UsageCount ?? 0,
      lastUsedAt: raw.LastUsedAt ?? null,
      createdAt: raw.CreatedAt ?? null,
    }));
  }

  /** Removes one record (the engine takes one id per call; `all` so a record an image still names goes too). */
  async prune(id: string): Promise<string[]> {
    const answer = await this.call<{ CachesDeleted?: string[] | null }>(
      { path: "/build/prune", method: "POST", query: { all: "true", filters: { id: [id] } } },
      `removing build-cache record ${id}`,
    );
    return answer.CachesDeleted ?? [];
  }
}
