import { describe, expect, it } from "vitest";
import { ImageCatalog } from "./catalog.js";
import { DOCKPROOF_NAMESPACE } from "./image-tags.js";
import { ALPINE_LIMITATIONS } from "./recipes/alpine-tag.js";
import type { CatalogEntry } from "./types.js";

describe("ImageCatalog", () => {
  it("offers the probe, node:20, mongo, nginx, redis, registry:2 and the Alpine tags to scenarios, and keeps the bases and the engines' dind images internal", () => {
    expect(ImageCatalog.refs).toEqual([
      "dockproof/probe",
      "node:20",
      "mongo",
      "nginx",
      "redis",
      "registry:2",
      "node:20-alpine",
      "nginx:alpine",
      "redis:alpine",
      "alpine",
    ]);
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

  it("an Alpine tag is the Debian stand-in of its image, and says first that it is not Alpine, then what that stand-in does not do", () => {
    for (const [tag, of] of [
      ["node:20-alpine", "node:20"],
      ["nginx:alpine", "nginx"],
      ["redis:alpine", "redis"],
    ] as const) {
      const entry = ImageCatalog.get(tag) as CatalogEntry;
      expect(entry.recipe.dependsOn).toEqual([of]);
      expect(entry.limitations?.slice(0, 3)).toEqual(ALPINE_LIMITATIONS);
      const own = ImageCatalog.limitationsOf(of).filter((sentence) => !sentence.startsWith("Its size"));
      expect(entry.limitations?.slice(3)).toEqual(own);
    }
    expect(ImageCatalog.limitationsOf("alpine")[0]).toMatch(/^Not Alpine: /);
    // Every stand-in says its size is its own: an image-size claim on it is unverified.
    for (const entry of ImageCatalog.entries.filter((candidate) => candidate.limitations))
      expect(
        entry.limitations?.some((sentence) => sentence.startsWith("Its size") || sentence.startsWith("Not Alpine")),
        entry.ref,
      ).toBe(true);
  });

  it("the twin: an entry without limitations is named", () => {
    const node = ImageCatalog.get("node:20") as CatalogEntry;
    expect(undeclared([{ ...node, limitations: [] }, ImageCatalog.get("mongo") as CatalogEntry])).toEqual(["node:20"]);
  });
});
