import { describe, expect, it } from "vitest";
import { imagePlan, type StoredImage } from "./host-build-cache-images.js";

const image = (id: string, tags: string[] = [], parent = ""): StoredImage => ({ id, tags, parent });
const node = image("sha256:node", ["node:20"]);
const userCache = image("sha256:step-old", [], "sha256:node");

describe("imagePlan: the image store back as the scenario found it", () => {
  it("removes the scenario's images, its classic step images (untagged) included, children first", () => {
    const after = [
      node,
      userCache,
      image("sha256:step1", [], "sha256:node"),
      image("sha256:step2", [], "sha256:step1"),
      image("sha256:top", ["image_tag:latest"], "sha256:step2"),
    ];
    expect(imagePlan([node, userCache], after).remove).toEqual(["sha256:top", "sha256:step2", "sha256:step1"]);
  });

  it("never removes an image from before, and moves a moved tag back", () => {
    const before = [node, image("sha256:mine", ["image_tag:latest"])];
    const after = [node, image("sha256:mine"), image("sha256:new", ["image_tag:latest"])];
    const plan = imagePlan(before, after);
    expect(plan.remove).toEqual(["sha256:new"]);
    expect(plan.retag).toEqual([{ tag: "image_tag:latest", id: "sha256:mine" }]);
  });

  it("a tag added to an image from before is removed, unless that would delete an untagged image of the user's", () => {
    expect(imagePlan([node], [image("sha256:node", ["node:20", "extra:1"])]).untag).toEqual(["extra:1"]);
    const plan = imagePlan([userCache], [image("sha256:step-old", ["named:1"], "sha256:node")]);
    expect(plan).toMatchObject({ untag: [], kept: ["named:1"] });
  });

  it("leaves dockproof's own images another run built meanwhile", () => {
    expect(imagePlan([node], [node, image("sha256:sub", ["dockproof/substitute/mongo:latest-1"])]).remove).toEqual([]);
  });
});
