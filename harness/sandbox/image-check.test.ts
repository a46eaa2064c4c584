import { describe, expect, it } from "vitest";
import { imageMismatches, listedTag } from "./image-check.js";

describe("listedTag", () => {
  it.each([
    ["mongo", "mongo:latest"],
    ["node:20", "node:20"],
    ["dockproof/probe", "dockproof/probe:latest"],
    ["registry.example:5000/team/app", "registry.example:5000/team/app:latest"],
    ["registry.example:5000/team/app:1", "registry.example:5000/team/app:1"],
  ])("lists %s as %s", (ref, tag) => expect(listedTag(ref)).toBe(tag));
});

describe("imageMismatches", () => {
  const tags = new Map([
    ["node:20", "sha256:aaa"],
    ["mongo:latest", "sha256:bbb"],
  ]);

  it("finds nothing when every image is there under its name with its id", () => {
    expect(
      imageMismatches(
        [
          { ref: "node:20", id: "sha256:aaa" },
          { ref: "mongo", id: "sha256:bbb" },
        ],
        tags,
      ),
    ).toEqual([]);
  });

  it("names an image that is another one, and one that is missing", () => {
    expect(
      imageMismatches(
        [
          { ref: "node:20", id: "sha256:ccc" },
          { ref: "dockproof/probe", id: "sha256:ddd" },
        ],
        tags,
      ),
    ).toEqual(["node:20: expected sha256:ccc, found sha256:aaa", "dockproof/probe: expected sha256:ddd, found no such image"]);
  });
});
