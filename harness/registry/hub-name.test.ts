import { describe, expect, it } from "vitest";
import { mirrorPath } from "./hub-name.js";

describe("mirrorPath", () => {
  it.each([
    ["mongo", "library/mongo", "latest"],
    ["node:20", "library/node", "20"],
    ["docker:28-dind", "library/docker", "28-dind"],
    ["bitnami/redis:7.2", "bitnami/redis", "7.2"],
  ])("puts %s where a daemon asks a mirror for it: %s:%s", (ref, repository, tag) => {
    expect(mirrorPath(ref)).toEqual({ repository, tag });
  });

  it.each([
    ["127.0.0.1:5000/team/app", "127.0.0.1:5000 names a registry"],
    ["localhost/app", "localhost names a registry"],
    ["example.invalid/app:1", "example.invalid names a registry"],
    ["mongo@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "a digest names content"],
    ["Mongo", "not a repository name"],
    ["mongo:-bad", "not a tag"],
  ])("refuses %s (%s)", (ref, why) => {
    expect(() => mirrorPath(ref)).toThrow(expect.objectContaining({ code: "E_REGISTRY_MIRROR", message: expect.stringContaining(why) }));
  });
});
