import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { attributeLayers, type HistoryRow, historyInstruction } from "./history-attribution.js";

interface Captured {
  id: string;
  rootfsLayers: string[];
  history: { ID: string; CreatedBy: string; Comment: string; Size: string }[];
  layerCounts: Record<string, number>;
}

const load = (name: string) => JSON.parse(readFileSync(new URL(`./test-fixtures/history-${name}.json`, import.meta.url), "utf8")) as Captured;
const rowsOf = (captured: Captured): HistoryRow[] =>
  captured.history
    .map((row) => ({ id: row.ID.startsWith("sha256:") ? row.ID : null, createdBy: row.CreatedBy, comment: row.Comment, sizeBytes: Number(row.Size) }))
    .reverse();
const attribute = (captured: Captured, counts: Record<string, number> = captured.layerCounts) =>
  attributeLayers(captured.rootfsLayers, rowsOf(captured), new Map(Object.entries(counts)));

describe("historyInstruction", () => {
  it.each([
    ["/bin/sh -c #(nop)  ENV A=1", "ENV A=1"],
    ["/bin/sh -c #(nop) WORKDIR /app", "WORKDIR /app"],
    ["/bin/sh -c npm install", "RUN npm install"],
    ["|1 NODE_ENV=production /bin/sh -c npm ci", "RUN npm ci"],
    ["RUN /bin/sh -c npm install # buildkit", "RUN npm install"],
    ["COPY . . # buildkit", "COPY . ."],
    ["WORKDIR /usr/src/app", "WORKDIR /usr/src/app"],
    ["", null],
  ])("%j -> %j", (createdBy, expected) => {
    expect(historyInstruction(createdBy)).toBe(expected);
  });
});

describe("attributeLayers (histories captured on dockerd 20.10)", () => {
  it("pairs every layer of the classic backend build with its instruction, exactly", () => {
    const layers = attribute(load("classic-opt"));
    expect(layers.map((l) => l.instruction?.split(" ").slice(0, 2).join(" ") ?? null)).toEqual([
      null, // the imported Debian base
      "COPY dir:d935d672f74ad7c35eceeb229bce5bb8593727328e381e4d07282b8493579a02", // node:20's rootfs
      "WORKDIR /usr/src/app",
      expect.stringMatching(/^COPY multi:/),
      "RUN npm",
      expect.stringMatching(/^COPY dir:/),
      "RUN npm",
    ]);
    expect(layers.every((l) => l.attribution === "exact")).toBe(true);
    expect(layers[4]?.sizeBytes).toBeGreaterThan(1_000_000);
  });

  it("pairs BuildKit's <missing> rows by its rules: every RUN/COPY/WORKDIR is a layer, metadata never", () => {
    const layers = attribute(load("buildkit-opt"));
    expect(layers.slice(2).map((l) => l.instruction)).toEqual([
      "WORKDIR /usr/src/app",
      "COPY package*.json ./",
      "RUN npm install",
      "COPY . .",
      "RUN npm run build",
    ]);
    expect(layers.every((l) => l.attribution === "exact")).toBe(true);
  });

  it("shows the builders differ on empty layers: classic drops them, BuildKit keeps them (WORKDIR / excepted)", () => {
    const classic = attribute(load("classic-workdirs"));
    expect(classic.map((l) => l.instruction?.split(" ")[0] ?? null)).toEqual([null, "WORKDIR", "COPY"]);
    const buildkit = attribute(load("buildkit-workdirs"));
    expect(buildkit.map((l) => l.instruction)).toEqual([null, "WORKDIR /app", "WORKDIR /app", "WORKDIR /tmp", "RUN true", "COPY Dockerfile /app/"]);
    expect(buildkit[2]?.digest).toBe("sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef"); // the empty layer
  });

  it("falls back to inference when only the image itself is known, preferring WORKDIR over an empty RUN", () => {
    for (const name of ["classic-opt", "classic-workdirs"]) {
      const captured = load(name);
      const exact = attribute(captured);
      const inferred = attribute(captured, { [captured.id]: captured.rootfsLayers.length });
      expect(inferred.map((l) => l.instruction)).toEqual(exact.map((l) => l.instruction));
      expect(inferred.some((l) => l.attribution === "inferred")).toBe(true);
    }
  });
});
