import { describe, expect, it } from "vitest";
import { imageSet, readyVolume, setKey, templateKey, templateVolume } from "./seed-template.js";

const node = { ref: "node:20", localRef: "dockproof/substitute/node:20-aaaa", id: "sha256:1111" };
const probe = { ref: "dockproof/probe", localRef: "dockproof/probe:bbbb", id: "sha256:2222" };

describe("templateKey", () => {
  it("is the same for the same images in any order", () => {
    expect(templateKey("sha256:engine", [node, probe])).toBe(templateKey("sha256:engine", [probe, node]));
  });

  it("changes when an image's content (its id) changes", () => {
    expect(templateKey("sha256:engine", [node, probe])).not.toBe(templateKey("sha256:engine", [{ ...node, id: "sha256:3333" }, probe]));
  });

  it("changes when the engine image changes", () => {
    expect(templateKey("sha256:engine", [node])).not.toBe(templateKey("sha256:engine2", [node]));
  });

  it("changes when an image is added", () => {
    expect(templateKey("sha256:engine", [node])).not.toBe(templateKey("sha256:engine", [node, probe]));
  });
});

describe("names", () => {
  it("derive a volume and its ready marker from the key", () => {
    const key = templateKey("sha256:engine", [node]);
    expect(templateVolume(key)).toMatch(/^dockproof-template-[0-9a-f]{16}$/);
    expect(readyVolume(key)).toBe(`${templateVolume(key)}-ready`);
  });
});

describe("imageSet and setKey", () => {
  it("drop duplicates and sort by ref", () => {
    expect(imageSet([probe, node, probe]).map((image) => image.ref)).toEqual(["dockproof/probe", "node:20"]);
    expect(setKey(["node:20", "dockproof/probe", "node:20"])).toBe(setKey(["dockproof/probe", "node:20"]));
    expect(setKey(["node:20"])).not.toBe(setKey(["node:20", "mongo"]));
  });
});
