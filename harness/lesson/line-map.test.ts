import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { defaultLessonsDir } from "../support/paths.js";
import { LineMap } from "./line-map.js";
import { nearestLines, similarity } from "./line-text.js";

const seed = readFileSync(path.join(defaultLessonsDir(), "docker-layers-volumes-networks.txt"), "utf8").split("\n");
const edit = (lines: readonly string[], changes: Record<number, string>) => lines.map((line, index) => changes[index + 1] ?? line);

describe("LineMap", () => {
  it("maps every line to itself when nothing changed", () => {
    const map = LineMap.between(seed, seed);
    expect(map.identical).toBe(true);
    expect(map.fate(95)).toEqual({ kind: "same", line: 95 });
  });

  it("follows lines that moved when prose is prepended", () => {
    const map = LineMap.between(seed, ["A new first line of prose.", ...seed]);
    expect(map.identical).toBe(false);
    expect(map.fate(95)).toEqual({ kind: "same", line: 96 });
    expect(map.fate(1)).toEqual({ kind: "same", line: 2 });
  });

  it("pairs two edited copies of the same command with their own counterparts (lines 95 and 105 mounting /data)", () => {
    const wrong = "docker run -v volume_database:/data -p 27017:27017 mongo";
    const map = LineMap.between(seed, edit(seed, { 95: wrong, 105: wrong }));
    expect(map.fate(95)).toEqual({ kind: "changed", line: 95, was: seed[94], now: wrong });
    expect(map.fate(105)).toEqual({ kind: "changed", line: 105, was: seed[104], now: wrong });
    expect(map.fate(101)).toEqual({ kind: "same", line: 101 });
  });

  it("finds an edited line that also moved", () => {
    const misspelt = seed[138]!.replace("my_custom_network", "my_custom_netwrok");
    const map = LineMap.between(seed, ["prepended", "", ...edit(seed, { 139: misspelt })]);
    expect(map.fate(139)).toEqual({ kind: "changed", line: 141, was: seed[138], now: misspelt });
    expect(map.fate(135)).toEqual({ kind: "same", line: 137 });
  });

  it("calls a deleted line gone; an unlike line rewritten in its place changed; unlike lines where a different number stood, gone", () => {
    const deleted = LineMap.between(
      seed,
      seed.filter((_, index) => index !== 130),
    );
    expect(deleted.fate(131)).toEqual({ kind: "gone", was: seed[130] });
    expect(deleted.fate(135)).toEqual({ kind: "same", line: 134 });
    const replaced = LineMap.between(seed, edit(seed, { 131: "Now read the chapter on Kubernetes instead." }));
    expect(replaced.fate(131)).toEqual({ kind: "changed", line: 131, was: seed[130], now: "Now read the chapter on Kubernetes instead." });
    // Two unlike lines where one stood: no line is "the same line, rewritten".
    const split = [...seed.slice(0, 130), "Read the chapter on Kubernetes.", "Then come back.", ...seed.slice(131)];
    expect(LineMap.between(seed, split).fate(131).kind).toBe("gone");
  });
});

describe("similarity and nearest lines", () => {
  it("scores shared words", () => {
    expect(similarity("docker run -p 27017:27017 -d mongo", "docker run -p 27017:27017 -d mongo")).toBe(1);
    expect(similarity("docker kill x", "Kill the container")).toBeLessThan(0.5);
  });

  it("names the nearest lines, best first", () => {
    const [first] = nearestLines(seed, "docker network create my_custom_netwrk");
    expect(first).toMatchObject({ line: 131, text: "docker network create my_custom_network" });
  });
});
