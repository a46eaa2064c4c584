import { describe, expect, it } from "vitest";
import { ImageCatalog } from "./catalog.js";
import { DOCKPROOF_NAMESPACE } from "./image-tags.js";
import type { CatalogEntry } from "./types.js";

describe("ImageCatalog", () => {
  it("offers the probe, node:20, mongo, nginx and redis to scenarios, and keeps the bases and the engines' dind images internal", () => {
    expect(ImageCatalog.refs).toEqual(["dockproof/probe", "node:20", "mongo", "nginx", "redis"]);
    expect(ImageCatalog.entries.filter((entry) => entry.visibility === "internal").map((entry) => entry.ref)).toEqual([
      "debian:bookworm-slim",
      "debian:trixie-slim",
      "docker:28-dind",
      "docker:20.10-dind",
    ]);
    // Sandboxes keep running the legacy engine until the runner picks one from engines.ts.
    expect(ImageCatalog.dindRef).toBe("docker:20.10-dind");
    expect(ImageCatalog.get(ImageCatalog.dindRef)?.origin).toBe("upstream");
  });

  it("only depends on refs it knows, without cycles", () => {
    const visiting = new Set<string>();
    const visit = (ref: string): void => {
      const entry = ImageCatalog.get(ref);
      expect(entry, `dependency ${ref} is in the catalog`).toBeDefined();
      expect(visiting.has(ref), `cycle through ${ref}`).toBe(false);
      visiting.add(ref);
      for (const dependency of entry?.recipe.dependsOn ?? []) visit(dependency);
      visiting.delete(ref);
    };
    for (const entry of ImageCatalog.entries) visit(entry.ref);
  });

  it("uses unique kebab-case build directories", () => {
    const names = ImageCatalog.entries.map((entry) => entry.buildName);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it("names harness-owned images inside the dockproof namespace", () => {
    for (const entry of ImageCatalog.entries.filter((e) => e.origin === "harness")) {
      expect(entry.ref.startsWith(DOCKPROOF_NAMESPACE)).toBe(true);
    }
  });
});

describe("what each substitute does not do", () => {
  /** Images a scenario may name that dockproof stands in for, but without saying what the stand-in does not do. */
  const undeclared = (entries: readonly CatalogEntry[]) =>
    entries.filter((entry) => entry.visibility === "scenario" && entry.origin === "upstream" && !entry.limitations?.length).map((entry) => entry.ref);

  it("every substitute a scenario may name declares its limitations, one sentence each", () => {
    expect(undeclared(ImageCatalog.entries)).toEqual([]);
    for (const entry of ImageCatalog.entries.filter((candidate) => candidate.limitations))
      for (const sentence of entry.limitations ?? []) expect(sentence, entry.ref).toMatch(/^[A-Z].*\.$/);
  });

  it("the twin: an entry without limitations is named", () => {
    const node = ImageCatalog.get("node:20") as CatalogEntry;
    expect(undeclared([{ ...node, limitations: [] }, ImageCatalog.get("mongo") as CatalogEntry])).toEqual(["node:20"]);
  });
});
