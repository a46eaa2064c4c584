import { access, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ImageError } from "../support/errors.js";
import type { ImageDocker, ImageInfo } from "./image-docker.js";
import { PrepareSession } from "./prepare-session.js";
import { LABELS } from "./image-labels.js";
import type { CatalogEntry, ImageMode, Recipe, SessionCatalog } from "./types.js";

/** An in-memory engine: enough of ImageDocker for the session's decisions, no Docker needed. */
class FakeDocker {
  readonly images = new Map<string, ImageInfo>();
  readonly pulls: string[] = [];
  readonly builds: string[] = [];
  readonly pullable = new Set<string>();

  async inspect(ref: string): Promise<ImageInfo | null> {
    return this.images.get(ref) ?? null;
  }

  async pull(ref: string): Promise<void> {
    this.pulls.push(ref);
    if (!this.pullable.has(ref)) throw new ImageError("IMAGE_PULL_FAILED", "docker pull failed\nno such host");
    this.images.set(ref, { id: `sha256:real-${ref}`, repoDigests: [`${ref}@sha256:beef`], labels: {}, sizeBytes: 1 });
  }

  store(ref: string, labels: Record<string, string>): void {
    this.builds.push(ref);
    this.images.set(ref, { id: `sha256:built-${this.builds.length}`, repoDigests: [], labels, sizeBytes: 1 });
  }
}

const recipe = (docker: FakeDocker, dependsOn: string[], options: { dropLabels?: boolean } = {}): Recipe => ({
  dependsOn,
  async plan(context) {
    const from = dependsOn.map((ref) => context.dependencies.get(ref)?.localRef ?? "missing");
    return {
      inputs: { from },
      async build(target) {
        docker.store(target.localRef, options.dropLabels ? {} : target.labels);
      },
    };
  },
});

function setup(mode: ImageMode, docker = new FakeDocker(), extra: CatalogEntry[] = []) {
  const entries: CatalogEntry[] = [
    { ref: "base:1", origin: "upstream", visibility: "internal", buildName: "base-1", recipe: recipe(docker, []) },
    { ref: "dind:1", origin: "upstream", visibility: "internal", buildName: "dind-1", recipe: recipe(docker, ["base:1"]) },
    { ref: "dockproof/probe", origin: "harness", visibility: "scenario", buildName: "probe", recipe: recipe(docker, ["base:1"]) },
    ...extra,
  ];
  const catalog: SessionCatalog = { entries, get: (ref) => entries.find((entry) => entry.ref === ref) };
  return async (refs: string[]) => {
    const repoRoot = await mkdtemp(path.join(tmpdir(), "dockproof-session-"));
    const session = new PrepareSession({ mode, docker: docker as unknown as ImageDocker, repoRoot, log: () => {}, catalog });
    return { images: await Promise.all(refs.map((ref) => session.ensure(ref))), repoRoot, docker };
  };
}

describe("PrepareSession", () => {
  it("offline: never pulls, builds the shared base once, labels and namespaces everything", async () => {
    const { images, docker } = await setup("offline")(["dind:1", "dockproof/probe"]);
    expect(docker.pulls).toEqual([]);
    expect(docker.builds.filter((ref) => ref.includes("/base:"))).toHaveLength(1);
    const [dind, probe] = images;
    expect(dind).toMatchObject({ ref: "dind:1", substitute: true, substituteFor: "dind:1", cached: false, digest: null });
    expect(dind?.localRef).toMatch(/^dockproof\/substitute\/dind:1-[0-9a-f]{12}$/);
    expect(probe).toMatchObject({ ref: "dockproof/probe", substitute: false, substituteFor: null });
    expect(docker.images.get(probe?.localRef ?? "")?.labels).toMatchObject({ [LABELS.builtFrom]: "base:1" });
    expect(docker.images.get(dind?.localRef ?? "")?.labels[LABELS.substituteFor]).toBe("dind:1");
  });

  it("reuses images whose tag carries the same content hash", async () => {
    const docker = new FakeDocker();
    await setup("offline", docker)(["dind:1", "dockproof/probe"]);
    const buildsBefore = docker.builds.length;
    const { images } = await setup("offline", docker)(["dind:1", "dockproof/probe"]);
    expect(docker.builds.length).toBe(buildsBefore);
    expect(images.every((image) => image.cached)).toBe(true);
  });

  it("rebuilds when a tag exists without the matching hash label", async () => {
    const docker = new FakeDocker();
    const { images } = await setup("offline", docker)(["base:1"]);
    docker.images.set(images[0]?.localRef ?? "", { id: "sha256:impostor", repoDigests: [], labels: {}, sizeBytes: 1 });
    const again = await setup("offline", docker)(["base:1"]);
    expect(again.images[0]?.cached).toBe(false);
  });

  it("online: a failed pull is an error that says why", async () => {
    const failure = setup("online")(["dind:1"]);
    await expect(failure).rejects.toMatchObject({ code: "IMAGE_PULL_FAILED" });
    await expect(failure).rejects.toThrow(/needs the real dind:1: expected docker pull to succeed, received: no such host/);
  });

  it("online: the harness probe is built FROM the pulled base", async () => {
    const docker = new FakeDocker();
    docker.pullable.add("base:1");
    const { images } = await setup("online", docker)(["dockproof/probe"]);
    expect(docker.pulls).toEqual(["base:1"]);
    expect(images[0]?.substitute).toBe(false);
  });

  it("auto: uses a present real image without pulling, and substitutes when the pull fails", async () => {
    const docker = new FakeDocker();
    docker.images.set("base:1", { id: "sha256:present", repoDigests: ["base@sha256:1"], labels: {}, sizeBytes: 1 });
    const { images } = await setup("auto", docker)(["base:1", "dind:1"]);
    expect(images[0]).toMatchObject({ localRef: "base:1", substitute: false, cached: true, digest: "base@sha256:1" });
    expect(docker.pulls).toEqual(["dind:1"]);
    expect(images[1]).toMatchObject({ substitute: true, cached: false });
  });

  it("auto: a present tag that carries the substitute label is reported as the substitute it is, never as real", async () => {
    const docker = new FakeDocker();
    docker.images.set("base:1", { id: "sha256:tagged", repoDigests: [], labels: { [LABELS.substituteFor]: "base:1" }, sizeBytes: 1 });
    const { images } = await setup("auto", docker)(["base:1"]);
    expect(images[0]).toMatchObject({ localRef: "base:1", substitute: true, substituteFor: "base:1", substituteName: "base-1" });
    expect(docker.pulls).toEqual([]);
    // So is one a registry serves with the label, once pulled.
    const pulling = new FakeDocker();
    pulling.pullable.add("base:1");
    pulling.pull = async (ref: string) => {
      pulling.pulls.push(ref);
      pulling.images.set(ref, { id: "sha256:pushed", repoDigests: [`${ref}@sha256:beef`], labels: { [LABELS.substituteFor]: ref }, sizeBytes: 1 });
    };
    expect((await setup("auto", pulling)(["base:1"])).images[0]).toMatchObject({ substitute: true, cached: false });
    // The twin: a label naming another image is no claim about this one.
    docker.images.set("base:1", { id: "sha256:other", repoDigests: [], labels: { [LABELS.substituteFor]: "other:1" }, sizeBytes: 1 });
    expect((await setup("auto", docker)(["base:1"])).images[0]).toMatchObject({ substitute: false });
  });

  it("pulls refs it has no recipe for, except offline", async () => {
    const docker = new FakeDocker();
    docker.pullable.add("alpine:3");
    expect((await setup("auto", docker)(["alpine:3"])).images[0]?.localRef).toBe("alpine:3");
    await expect(setup("offline")(["alpine:3"])).rejects.toMatchObject({ code: "IMAGE_NO_SUBSTITUTE" });
  });

  it("fails a build that did not produce the labelled image, keeping its context", async () => {
    const docker = new FakeDocker();
    const broken: CatalogEntry = {
      ref: "broken:1",
      origin: "upstream",
      visibility: "scenario",
      buildName: "broken",
      recipe: recipe(docker, [], { dropLabels: true }),
    };
    const run = setup("offline", docker, [broken]);
    const failure = run(["broken:1"]);
    await expect(failure).rejects.toMatchObject({ code: "IMAGE_BUILD_FAILED" });
    await expect(failure).rejects.toThrow(/to carry org\.dockproof\.content-hash=[0-9a-f]{64} after the build, received label "\(none\)"/);
  });
});

describe("build contexts", () => {
  it("are removed after a successful build", async () => {
    const { repoRoot } = await setup("offline")(["base:1"]);
    await expect(access(path.join(repoRoot, ".dockproof/build/base-1"))).rejects.toThrow();
  });
});
