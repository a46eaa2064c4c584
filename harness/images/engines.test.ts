import { describe, expect, it } from "vitest";
import { ImageCatalog } from "./catalog.js";
import { DEFAULT_ENGINE, ENGINES, enginePlugins, engineNamed, UnknownEngineError } from "./engines.js";
import { DIND_BUILDX_PACKAGES, DIND_PACKAGES } from "./recipes/docker-dind.js";

describe("engines", () => {
  it("offers modern (the default) and legacy", () => {
    expect(ENGINES.map((engine) => engine.name)).toEqual(["modern", "legacy"]);
    expect(DEFAULT_ENGINE.name).toBe("modern");
    expect(engineNamed()).toBe(DEFAULT_ENGINE);
    expect(engineNamed("legacy").onlineRef).toBe("docker:20.10-dind");
    expect(engineNamed("modern").onlineRef).toMatch(/^docker:\d+-dind$/);
  });

  it("expects the official major online and Debian's offline", () => {
    const modern = engineNamed("modern");
    expect(modern.onlineRef).toBe(`docker:${modern.daemonMajor.online}-dind`);
    expect(modern.daemonMajor.offline).toBe(26);
    expect(engineNamed("legacy").daemonMajor).toEqual({ online: 20, offline: 20 });
  });

  it("throws a typed error naming the known engines for an unknown name", () => {
    const attempt = () => engineNamed("docker:dind");
    expect(attempt).toThrow(UnknownEngineError);
    expect(attempt).toThrow('Expected a Docker engine named "modern" or "legacy", received "docker:dind"');
    try {
      attempt();
    } catch (error) {
      expect(error).toMatchObject({ code: "ENGINE_UNKNOWN", requested: "docker:dind", known: ["modern", "legacy"] });
    }
  });

  it("names catalog entries that stand in for the online image, internal so scenarios cannot name them", () => {
    for (const engine of ENGINES) {
      const entry = ImageCatalog.get(engine.catalogRef);
      expect(entry, `${engine.name}'s ${engine.catalogRef} is in the catalog`).toMatchObject({ origin: "upstream", visibility: "internal" });
      // PrepareSession pulls the catalog ref online and falls back to its recipe in auto mode: they must be one ref.
      expect(engine.catalogRef).toBe(engine.onlineRef);
      expect(ImageCatalog.refs).not.toContain(engine.catalogRef);
    }
  });

  it("builds modern on trixie with buildx, legacy on the host's bookworm base without", () => {
    expect(ImageCatalog.get(engineNamed("modern").catalogRef)?.recipe.dependsOn).toEqual(["debian:trixie-slim"]);
    expect(ImageCatalog.get(engineNamed("legacy").catalogRef)?.recipe.dependsOn).toEqual([ImageCatalog.baseRef, "debian:trixie-slim"]);
    expect(DIND_BUILDX_PACKAGES).toContain("docker-buildx");
    expect(DIND_PACKAGES).not.toContain("docker-buildx");
  });

  it("declares the plugins each carries: compose on both, buildx offline only where docker build is BuildKit", () => {
    expect(engineNamed("modern").plugins).toEqual({ online: ["buildx", "compose"], offline: ["buildx", "compose"] });
    expect(engineNamed("legacy").plugins.offline).toEqual(["compose"]);
    expect(enginePlugins(engineNamed("legacy"), true)).toEqual(["compose"]);
    expect(enginePlugins(engineNamed("legacy"), false)).toContain("compose");
  });
});
