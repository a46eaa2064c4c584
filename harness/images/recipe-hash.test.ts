import { describe, expect, it } from "vitest";
import { canonicalJson, recipeHash } from "./recipe-hash.js";

const BASE = {
  ref: "node:20",
  dockerfile: "FROM base\nRUN true\n",
  mirror: "http://mirror.invalid/debian",
  suite: "bookworm",
  packages: ["busybox", "iproute2"],
  versions: { node: "20.19.5", npm: "10.9.9" },
  caBundleSha256: "a".repeat(64),
  dependencies: { "debian:bookworm-slim": "sha256:1234" },
};

describe("recipeHash", () => {
  it("is a stable sha256 (pinned: a changed value silently rebuilds every user's cached images)", () => {
    const hash = recipeHash(BASE);
    expect(hash).toBe("4a64c6fa5fe3e843fb608e832e3208b2202ef3e71a40b1efdb913cb230267841");
    expect(recipeHash(structuredClone(BASE))).toBe(hash);
  });

  it("does not depend on key order, at any depth", () => {
    const reordered = {
      dependencies: BASE.dependencies,
      versions: { npm: "10.9.9", node: "20.19.5" },
      caBundleSha256: BASE.caBundleSha256,
      packages: BASE.packages,
      suite: BASE.suite,
      mirror: BASE.mirror,
      dockerfile: BASE.dockerfile,
      ref: BASE.ref,
    };
    expect(recipeHash(reordered)).toBe(recipeHash(BASE));
  });

  it.each([
    ["dockerfile text", { dockerfile: "FROM base\nRUN false\n" }],
    ["mirror", { mirror: "http://other.invalid/debian" }],
    ["suite", { suite: "trixie" }],
    ["package order", { packages: ["iproute2", "busybox"] }],
    ["node version", { versions: { node: "20.19.6", npm: "10.9.9" } }],
    ["CA bundle", { caBundleSha256: "b".repeat(64) }],
    ["base image id", { dependencies: { "debian:bookworm-slim": "sha256:5678" } }],
  ])("changes when the %s changes", (_name, change) => {
    expect(recipeHash({ ...BASE, ...change })).not.toBe(recipeHash(BASE));
  });

  it("treats an undefined field like an absent one", () => {
    expect(recipeHash({ ...BASE, extra: undefined })).toBe(recipeHash(BASE));
  });
});

describe("canonicalJson", () => {
  it("sorts keys and keeps arrays in order", () => {
    expect(canonicalJson({ b: [2, 1], a: { d: null, c: "x" } })).toBe('{"a":{"c":"x","d":null},"b":[2,1]}');
  });

  it("rejects non-finite numbers instead of hashing them as null", () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/finite/);
  });
});
