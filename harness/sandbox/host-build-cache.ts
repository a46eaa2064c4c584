import { SandboxError } from "../support/errors.js";
import type { BuildCacheApi, CacheRecord } from "./host-build-cache-api.js";
import type { CacheFound } from "./sandbox.js";

/**
 * Records whose reuse makes an instruction come from the cache. A base image's layers ("pulled from …", "from local")
 * and the build context's transfer (source.local) are used by every build and say nothing about its steps.
 */
export const isStepCache = (record: CacheRecord): boolean => record.type === "regular" && !/^(pulled from|from local)\b/.test(record.description);

/** Pre-existing step records a build used since `seen` (their usage count grew or their last use moved). */
export function usedSince(seen: ReadonlyMap<string, CacheRecord>, now: readonly CacheRecord[]): CacheRecord[] {
  return now.filter((record) => {
    const previous = seen.get(record.id);
    return previous !== undefined && isStepCache(record) && (record.usageCount > previous.usageCount || record.lastUsedAt !== previous.lastUsedAt);
  });
}

/** Children before their parents: the engine keeps a record while a child still refers to it. */
export function pruneOrder(records: readonly CacheRecord[]): CacheRecord[] {
  const ids = new Set(records.map((record) => record.id));
  const depth = new Map<string, number>();
  const byId = new Map(records.map((record) => [record.id, record]));
  const depthOf = (id: string, trail: ReadonlySet<string> = new Set()): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    const parents = (byId.get(id)?.parents ?? []).filter((parent) => ids.has(parent) && !trail.has(parent));
    const value = parents.length === 0 ? 0 : 1 + Math.max(...parents.map((parent) => depthOf(parent, new Set([...trail, id]))));
    depth.set(id, value);
    return value;
  };
  return [...records].sort((a, b) => depthOf(b.id) - depthOf(a.id));
}

export const describeRecord = (record: CacheRecord): string => `${record.id} (${record.description.trim() || record.type})`;

/**
 * The engine's BuildKit cache as one host-isolation scenario found it: which records it created (removed at the end,
 * and nothing else), and which records from before it its builds used (they decide what "cached" means).
 */
export class HostBuildCache {
  /** Usage of each record from before the scenario, as last seen. */
  private readonly seen: Map<string, CacheRecord>;
  private readonly found = new Set<string>();

  private constructor(
    private readonly api: BuildCacheApi,
    private readonly before: ReadonlyMap<string, CacheRecord> | null,
    private readonly unavailable: string | null,
  ) {
    this.seen = new Map(before ?? []);
  }

  /** Lists the cache before the scenario; an engine that cannot list or prune by id leaves the cache alone. */
  static async open(api: BuildCacheApi): Promise<HostBuildCache> {
    try {
      const unsupported = await api.unsupported();
      if (unsupported) return new HostBuildCache(api, null, unsupported);
      const records = await api.list();
      return new HostBuildCache(api, new Map(records.map((record) => [record.id, record])), null);
    } catch (error) {
      return new HostBuildCache(api, null, (error as Error).message);
    }
  }

  /** After a BuildKit build: the records from before the scenario that it is the scenario's first build to use. */
  async afterBuild(): Promise<CacheFound> {
    if (this.unavailable !== null) return { kind: "unknown", reason: this.unavailable };
    const now = await this.api.list();
    const used = usedSince(this.seen, now);
    for (const record of now) if (this.seen.has(record.id)) this.seen.set(record.id, record);
    // A record an earlier build of this scenario used first would have been made by that build on a fresh engine.
    const fresh = used.filter((record) => !this.found.has(record.id));
    for (const record of fresh) this.found.add(record.id);
    return fresh.length === 0 ? { kind: "none" } : { kind: "found", entries: fresh.map(describeRecord) };
  }

  /** Removes exactly the records created since the scenario started; returns their ids. */
  async removeCreated(): Promise<string[]> {
    if (this.before === null) return [];
    const before = this.before;
    const created = async () => pruneOrder((await this.api.list()).filter((record) => !before.has(record.id)));
    const removed: string[] = [];
    // A record whose child went in the same pass may still be held for a moment: a few passes, then what is left is said.
    for (let pass = 0; pass < 3; pass++) {
      const left = await created();
      if (left.length === 0) return removed;
      for (const record of left) {
        const deleted = await this.api.prune(record.id);
        const others = deleted.filter((id) => id !== record.id);
        if (others.length > 0)
          throw new SandboxError(
            "E_SANDBOX",
            `removing build-cache record ${record.id} also removed ${others.join(", ")}: the engine ignored the id filter`,
          );
        removed.push(...deleted);
      }
    }
    const left = await created();
    if (left.length > 0)
      throw new SandboxError(
        "E_SANDBOX",
        `expected the scenario's build-cache records to be removed, found ${left.length} left: ${left.map(describeRecord).join(", ")}`,
      );
    return removed;
  }
}
