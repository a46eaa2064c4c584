import { describe, expect, it } from "vitest";
import { DOCKPROOF_NAMESPACE, harnessTag, parseRef, shortHash, substituteTag } from "./image-tags.js";

const HASH = "0123456789abcdef".repeat(4);

describe("parseRef", () => {
  it.each([
    ["node:20", { name: "node", tag: "20", digest: null }],
    ["debian", { name: "debian", tag: null, digest: null }],
    ["localhost:5000/team/app", { name: "localhost:5000/team/app", tag: null, digest: null }],
    ["localhost:5000/team/app:1.2", { name: "localhost:5000/team/app", tag: "1.2", digest: null }],
    ["mongo@sha256:abcd", { name: "mongo", tag: null, digest: "sha256:abcd" }],
  ])("%s", (ref, expected) => {
    expect(parseRef(ref)).toEqual(expected);
  });
});

describe("substituteTag", () => {
  it.each([
    ["node:20", "dockproof/substitute/node:20-0123456789ab"],
    ["debian:bookworm-slim", "dockproof/substitute/debian:bookworm-slim-0123456789ab"],
    ["docker:dind", "dockproof/substitute/docker:dind-0123456789ab"],
    ["mongo", "dockproof/substitute/mongo:latest-0123456789ab"],
    ["bitnami/mongodb:7.0", "dockproof/substitute/bitnami/mongodb:7.0-0123456789ab"],
    ["localhost:5000/Team/App:v1", "dockproof/substitute/localhost-5000/team/app:v1-0123456789ab"],
    ["mongo@sha256:abcd", "dockproof/substitute/mongo:sha256-abcd-0123456789ab"],
  ])("%s -> %s", (ref, expected) => {
    expect(substituteTag(ref, HASH)).toBe(expected);
  });

  it("never returns the logical ref itself and always stays in the dockproof namespace", () => {
    for (const ref of ["node:20", "docker:dind", "debian:bookworm-slim"]) {
      const tag = substituteTag(ref, HASH);
      expect(tag).not.toBe(ref);
      expect(tag.startsWith(DOCKPROOF_NAMESPACE)).toBe(true);
    }
  });

  it("keeps tags within the 128-character limit and keeps the hash", () => {
    const tag = substituteTag(`app:${"x".repeat(200)}`, HASH);
    const tagPart = tag.slice(tag.lastIndexOf(":") + 1);
    expect(tagPart.length).toBe(128);
    expect(tagPart.endsWith("-0123456789ab")).toBe(true);
  });

  it("changes with the hash", () => {
    expect(substituteTag("node:20", HASH)).not.toBe(substituteTag("node:20", `f${HASH.slice(1)}`));
  });
});

describe("harnessTag", () => {
  it("uses the short hash as the tag", () => {
    expect(harnessTag("dockproof/probe", HASH)).toBe("dockproof/probe:0123456789ab");
    expect(harnessTag("dockproof/probe:v2", HASH)).toBe("dockproof/probe:v2-0123456789ab");
  });

  it("refuses names outside the dockproof namespace", () => {
    expect(() => harnessTag("probe", HASH)).toThrow(/dockproof\/\*, received "probe"/);
  });
});

describe("shortHash", () => {
  it("rejects something that is not a hex hash", () => {
    expect(() => shortHash("not-a-hash")).toThrow(/hex content hash/);
  });
});
