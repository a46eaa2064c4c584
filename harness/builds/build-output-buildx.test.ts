import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { classifyBuildFailure } from "./build-failure.js";
import { firstRebuiltStep, fullyCached, parseBuildOutput } from "./build-output.js";
import type { BuildStep } from "./build-step.js";

// Captured inside the modern engine's offline sandbox: Debian trixie docker-cli 26.1.5 + buildx 0.13.1, dockerd 26.1.5.
const fixture = (name: string) => readFileSync(new URL(`./test-fixtures/${name}`, import.meta.url), "utf8");
const backend = fixture("backend.Dockerfile");
const parse = (name: string, dockerfile = backend) => parseBuildOutput(fixture(name), "buildkit", { dockerfile });
const summary = (steps: BuildStep[]) => steps.map((s) => [s.dockerfileLine, s.instruction, s.cached, s.durationMs]);

/** `--progress=plain`, and no flag without a TTY (buildx then picks plain itself): the parser must read both alike. */
describe.each([
  ["--progress=plain", "buildx013-opt"],
  ["no flag, no TTY", "buildx013-noflag-opt"],
])("parseBuildOutput, buildx 0.13 (%s)", (_how, prefix) => {
  it("reads a cold build: every Dockerfile step ran, none cached, with BuildKit's durations", () => {
    const build = parse(`${prefix}-cold.txt`);
    expect(build.error).toBeNull();
    expect(build.imageId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(build.steps.map((s) => [s.dockerfileLine, s.instruction, s.cached, s.status])).toEqual([
      [3, "FROM docker.io/library/node:20", false, "done"],
      [5, "WORKDIR /usr/src/app", false, "done"],
      [7, "COPY package*.json ./", false, "done"],
      [8, "RUN npm install", false, "done"],
      [10, "COPY . .", false, "done"],
      [11, "RUN npm run build", false, "done"],
    ]);
    expect(build.steps.every((s) => typeof s.durationMs === "number")).toBe(true);
    expect(build.steps[3]?.output.join("\n")).toMatch(/added 12 packages in \d+s/);
    expect(fullyCached(build)).toBe(false);
  });

  it("reads the rebuild's CACHED vertices (printed out of order) as fully cached, same image as the cold build", () => {
    const cached = parse(`${prefix}-cached.txt`);
    expect(fullyCached(cached)).toBe(true);
    expect(firstRebuiltStep(cached)).toBeNull();
    expect(cached.steps.map((s) => s.index)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(cached.steps.slice(1).every((s) => s.status === "cached" && s.durationMs === null)).toBe(true);
    expect(cached.imageId).toBe(parse(`${prefix}-cold.txt`).imageId);
  });

  it("reads a source change: dependencies stay cached, COPY . . and the build re-run, a new image", () => {
    const changed = parse(`${prefix}-source-change.txt`);
    expect(summary(changed.steps).map(([line, instruction, cached]) => [line, instruction, cached])).toEqual([
      [3, "FROM docker.io/library/node:20", false],
      [5, "WORKDIR /usr/src/app", true],
      [7, "COPY package*.json ./", true],
      [8, "RUN npm install", true],
      [10, "COPY . .", false],
      [11, "RUN npm run build", false],
    ]);
    expect(firstRebuiltStep(changed)).toMatchObject({ instruction: "COPY . .", dockerfileLine: 10 });
    expect(fullyCached(changed)).toBe(false);
    expect(changed.imageId).not.toBe(parse(`${prefix}-cold.txt`).imageId);
  });
});

describe("parseBuildOutput, buildx 0.13 exact durations (--progress=plain)", () => {
  it("takes each step's time from its own DONE line, not from the vertex's log timestamps", () => {
    expect(summary(parse("buildx013-opt-cold.txt").steps).map((row) => row[3])).toEqual([0, 100, 100, 6200, 0, 1500]);
    expect(summary(parse("buildx013-opt-source-change.txt").steps).map((row) => row[3])).toEqual([0, null, null, null, 100, 800]);
  });

  it('ignores the `#0 building with "default" instance` preamble: it is no step', () => {
    const text = fixture("buildx013-opt-cold.txt");
    expect(text.split("\n")[0]).toBe('#0 building with "default" instance using docker driver');
    expect(parse("buildx013-opt-cold.txt").steps).toHaveLength(6);
  });
});

describe("parseBuildOutput, buildx 0.13 failures (`process … did not complete successfully`)", () => {
  it("reads the lesson's Dockerfile: COPY package* . accepted, RUN npx prisma generate failing on Prisma's host", () => {
    const build = parse("buildx013-lesson-app.txt", fixture("lesson-app.Dockerfile"));
    expect(build.imageId).toBeNull();
    expect(build.error).toBe('failed to solve: process "/bin/sh -c npx prisma generate" did not complete successfully: exit code: 1');
    expect(build.steps.find((s) => s.instruction === "COPY package* .")).toMatchObject({ dockerfileLine: 5, status: "done" });
    expect(build.steps.find((s) => s.status === "failed")).toMatchObject({ instruction: "RUN npx prisma generate", dockerfileLine: 9, index: 6 });
    expect(classifyBuildFailure(build)).toMatchObject({ cause: "environment", unreachableHost: "binaries.prisma.sh" });
  });

  it("maps named and numbered stages and keeps a failing RUN's own output, classified as the step's failure", () => {
    const build = parse("buildx013-multistage-run-fails.txt", fixture("multistage.Dockerfile"));
    expect(build.steps.map((s) => [s.stage, s.index, s.dockerfileLine, s.status])).toEqual([
      ["build", 1, 1, "cached"],
      ["build", 2, 2, "done"],
      ["build", 3, 3, "done"],
      ["stage-1", 2, 6, "done"],
      ["stage-1", 3, 7, "failed"],
    ]);
    expect(build.steps.at(-1)?.output).toEqual([
      "about to fail",
      expect.stringMatching(/^ERROR: process .* did not complete successfully: exit code: 3$/),
    ]);
    expect(classifyBuildFailure(build)).toMatchObject({ cause: "step-command", unreachableHost: null });
  });
});
