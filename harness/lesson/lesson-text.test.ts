import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultLessonsDir } from "../support/paths.js";
import { commandLines, headingOf } from "./lesson-markup.js";
import { commandOf, dockerfileBlocks } from "./lesson-text.js";

const seed = readFileSync(path.join(defaultLessonsDir(), "docker-layers-volumes-networks.txt"), "utf8").split("\n");

describe("reading a plain-text lesson", () => {
  it("finds the seed lesson's shell commands, and no prose (line 116 starts with 'localhost', not a program)", () => {
    expect(commandLines(seed).map((entry) => entry.line)).toEqual([71, 77, 81, 91, 95, 101, 105, 127, 131, 135, 139, 143]);
    expect(commandOf(seed[115] ?? "")).toBeUndefined();
    expect(commandOf("$ docker ps")).toBe("docker ps");
  });

  it("finds the Dockerfile block of lines 26-41 and its instructions, blank lines inside it included", () => {
    const [block] = dockerfileBlocks(seed);
    expect(dockerfileBlocks(seed)).toHaveLength(1);
    expect(block).toMatchObject({ from: 26, to: 41 });
    expect(block?.instructions.map((entry) => entry.line)).toEqual([26, 28, 30, 31, 33, 34, 36, 37, 39, 41]);
  });

  it("ends a block at prose, and follows continuation lines", () => {
    const text = ["FROM node:20", "RUN apt-get update && \\", "    apt-get install -y curl", "", "Then build it:", "docker build ."];
    expect(dockerfileBlocks(text)).toEqual([
      {
        from: 1,
        to: 2,
        instructions: [
          { line: 1, text: "FROM node:20" },
          { line: 2, text: "RUN apt-get update && \\" },
        ],
      },
    ]);
    expect(commandLines(text).map((entry) => entry.line)).toEqual([6]);
  });

  it("places a line under its heading", () => {
    expect(headingOf(seed, 95)).toEqual({ line: 93, text: "Mount the folder in mongo which actually stores the data to this volume ->" });
    expect(headingOf(seed, 2)).toEqual({ line: 1, text: "Layers in Docker ->" });
    expect(headingOf(seed, 153, new Set(["Types of networks"]))).toEqual({ line: 150, text: "Types of networks" });
  });
});
