import { describe, expect, it } from "vitest";
import { TEMPLATE_FORMAT } from "./seed-template.js";
import { staleTemplateVolumes, type TemplateVolume } from "./template-store.js";

const here = "host-a";
const volume = (part: string, extra: Partial<TemplateVolume> = {}): TemplateVolume => ({
  name: `dockproof-template-k${part === "ready" ? "-ready" : ""}`,
  key: "k",
  part,
  format: String(TEMPLATE_FORMAT),
  engineImageId: "sha256:engine",
  imageIds: ["sha256:node"],
  ownerPid: 10,
  ownerHost: here,
  ...extra,
});
const images = new Set(["sha256:engine", "sha256:node"]);
const names = (list: TemplateVolume[]) => list.map((entry) => entry.name);

describe("staleTemplateVolumes", () => {
  it("keeps a complete template whose engine and images are all there", () => {
    expect(staleTemplateVolumes([volume("data"), volume("ready")], images, here, () => false)).toEqual([]);
  });

  it("sweeps a data volume never completed once its creator is gone, not while it lives or on another host", () => {
    expect(names(staleTemplateVolumes([volume("data")], images, here, () => false))).toEqual(["dockproof-template-k"]);
    expect(staleTemplateVolumes([volume("data")], images, here, () => true)).toEqual([]);
    expect(staleTemplateVolumes([volume("data", { ownerHost: "host-b" })], images, here, () => false)).toEqual([]);
  });

  it("sweeps a ready marker without its data", () => {
    expect(names(staleTemplateVolumes([volume("ready")], images, here, () => true))).toEqual(["dockproof-template-k-ready"]);
  });

  it("sweeps a template of another format, or of an image the engine no longer has", () => {
    const complete = [volume("data"), volume("ready")];
    expect(staleTemplateVolumes(complete, new Set(["sha256:engine"]), here, () => true)).toHaveLength(2);
    expect(staleTemplateVolumes(complete, new Set(["sha256:node"]), here, () => true)).toHaveLength(2);
    const old = [volume("data", { format: String(TEMPLATE_FORMAT - 1) }), volume("ready", { format: String(TEMPLATE_FORMAT - 1) })];
    expect(staleTemplateVolumes(old, images, here, () => true)).toHaveLength(2);
  });
});
