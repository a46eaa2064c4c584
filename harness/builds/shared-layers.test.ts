import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { attributeLayers, type ImageLayer } from "./history-attribution.js";
import { commonLayers } from "./shared-layers.js";

const layer = (digest: string, sizeBytes = 10): ImageLayer => ({
  digest,
  sizeBytes,
  instruction: null,
  createdBy: "",
  historyId: null,
  attribution: "exact",
});
const EMPTY = "sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef";

function captured(name: string): ImageLayer[] {
  const data = JSON.parse(readFileSync(new URL(`./test-fixtures/history-${name}.json`, import.meta.url), "utf8")) as {
    rootfsLayers: string[];
    history: { ID: string; CreatedBy: string; Comment: string; Size: string }[];
    layerCounts: Record<string, number>;
  };
  const rows = data.history
    .map((r) => ({ id: r.ID.startsWith("sha256:") ? r.ID : null, createdBy: r.CreatedBy, comment: r.Comment, sizeBytes: Number(r.Size) }))
    .reverse();
  return attributeLayers(data.rootfsLayers, rows, new Map(Object.entries(data.layerCounts)));
}

describe("commonLayers", () => {
  it("is the common prefix: a layer is shared only if everything below it is", () => {
    const a = [layer("sha256:base"), layer("sha256:node"), layer(EMPTY), layer("sha256:app-a")];
    const b = [layer("sha256:base"), layer("sha256:node"), layer("sha256:other"), layer(EMPTY)];
    expect(commonLayers(a, b).map((l) => l.digest)).toEqual(["sha256:base", "sha256:node"]);
  });

  it("shares nothing across different bases and everything with itself", () => {
    const a = [layer("sha256:x"), layer(EMPTY)];
    expect(commonLayers(a, [layer("sha256:y"), layer(EMPTY)])).toEqual([]);
    expect(commonLayers(a, a)).toEqual(a);
    expect(commonLayers([], a)).toEqual([]);
  });

  it("finds the two node:20 layers (~186 MB) shared by the classic and BuildKit builds of the backend", () => {
    const shared = commonLayers(captured("classic-opt"), captured("buildkit-opt"));
    expect(shared.map((l) => l.instruction?.split(" ")[0] ?? null)).toEqual([null, "COPY"]);
    expect(shared.reduce((total, l) => total + l.sizeBytes, 0)).toBe(74_869_359 + 111_066_594);
  });
});
