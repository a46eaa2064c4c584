import { describe, expect, it } from "vitest";
import type { CacheRecord } from "./host-build-cache-api.js";
import { isStepCache, pruneOrder, usedSince } from "./host-build-cache.js";

const record = (id: string, fields: Partial<CacheRecord> = {}): CacheRecord => ({
  id,
  parents: [],
  type: "regular",
  description: "mount / from exec /bin/sh -c npm install",
  usageCount: 1,
  lastUsedAt: "2026-12-02T02:00:00Z",
  createdAt: "2026-12-02T02:00:00Z",
  ...fields,
});

describe("the BuildKit records a scenario's build used from before it", () => {
  const seen = new Map([
    ["old", record("old")],
    ["base", record("base", { description: "pulled from node:20" })],
  ]);

  it("a step record from before whose use count grew was used", () => {
    expect(usedSince(seen, [record("old", { usageCount: 2 })]).map((used) => used.id)).toEqual(["old"]);
    expect(usedSince(seen, [record("old", { lastUsedAt: "2026-12-02T03:00:00Z" })]).map((used) => used.id)).toEqual(["old"]);
  });

  it("unchanged, new, or a base image's layers: not a step's cache from before", () => {
    expect(usedSince(seen, [record("old"), record("new", { usageCount: 5 })])).toEqual([]);
    expect(usedSince(seen, [record("base", { description: "pulled from node:20", usageCount: 9 })])).toEqual([]);
    expect(isStepCache(record("ctx", { type: "source.local" }))).toBe(false);
    expect(isStepCache(record("img", { description: "from local " }))).toBe(false);
  });
});

describe("pruneOrder", () => {
  it("children before parents (the engine keeps a record a child refers to)", () => {
    const order = pruneOrder([record("a"), record("c", { parents: ["b"] }), record("b", { parents: ["a"] })]).map((entry) => entry.id);
    expect(order).toEqual(["c", "b", "a"]);
  });

  it("a parent outside the list or a cycle does not hang or drop a record", () => {
    const order = pruneOrder([record("x", { parents: ["y", "outside"] }), record("y", { parents: ["x"] })]).map((entry) => entry.id);
    expect(order.sort()).toEqual(["x", "y"]);
  });
});
