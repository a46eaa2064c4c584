import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { firstRebuiltStep, fullyCached, parseBuildOutput } from "./build-output.js";
import type { BuildStep } from "./build-step.js";

const fixture = (name: string) => readFileSync(new URL(`./test-fixtures/${name}`, import.meta.url), "utf8");
const backend = fixture("backend.Dockerfile");
const naive = fixture("backend-naive.Dockerfile");
const summary = (steps: BuildStep[]) => steps.map((s) => [s.dockerfileLine, s.instruction, s.cached]);

describe("parseBuildOutput, classic builder (captured from docker 28.2 CLI + dockerd 20.10)", () => {
  it("reads a cold build: every step, its line, its committed id, nothing cached", () => {
    const build = parseBuildOutput(fixture("classic-opt-cold.txt"), "classic", { dockerfile: backend });
    expect(build.error).toBeNull();
    expect(build.imageId).toBe("5b8af99b8c98");
    expect(summary(build.steps)).toEqual([
      [3, "FROM node:20", false],
      [5, "WORKDIR /usr/src/app", false],
      [7, "COPY package*.json ./", false],
      [8, "RUN npm install", false],
      [10, "COPY . .", false],
      [11, "RUN npm run build", false],
      [13, "EXPOSE 3000", false],
      [15, 'CMD ["node", "dist/index.js"]', false],
      [null, "LABEL org.dockproof.session=test", false],
    ]);
    expect(build.steps.map((s) => s.layerId)).toEqual([
      "e4a81688940a",
      "10645a877571",
      "19cd28219084",
      "59747823d4c6",
      "8f98b45147ec",
      "48010db3c9f4",
      "e3a63f141dc8",
      "fe53d4a85cd0",
      "5b8af99b8c98",
    ]);
    const install = build.steps[3];
    expect(install?.output).toContain("added 12 packages in 2s");
    expect(install?.output.join("\n")).not.toMatch(/\u001b|Removing intermediate/);
    expect(build.steps.every((s) => s.durationMs === null && s.status === "done")).toBe(true);
  });

  it("reads a second build as fully cached with the same ids", () => {
    const cold = parseBuildOutput(fixture("classic-opt-cold.txt"), "classic");
    const cached = parseBuildOutput(fixture("classic-opt-cached.txt"), "classic");
    expect(fullyCached(cached)).toBe(true);
    expect(fullyCached(cold)).toBe(false);
    expect(cached.steps.map((s) => s.layerId)).toEqual(cold.steps.map((s) => s.layerId));
    expect(cached.steps.slice(1).every((s) => s.status === "cached")).toBe(true);
  });

  it("shows the optimised Dockerfile keeping npm install cached after a source edit, the naive one not", () => {
    const optimised = parseBuildOutput(fixture("classic-opt-source-change.txt"), "classic", { dockerfile: backend });
    expect(firstRebuiltStep(optimised)?.instruction).toBe("COPY . .");
    expect(optimised.steps.find((s) => s.instruction === "RUN npm install")?.cached).toBe(true);
    const naiveBuild = parseBuildOutput(fixture("classic-naive-source-change.txt"), "classic", { dockerfile: naive });
    expect(firstRebuiltStep(naiveBuild)?.instruction).toBe("COPY . .");
    expect(naiveBuild.steps.find((s) => s.instruction === "RUN npm install")).toMatchObject({ cached: false, dockerfileLine: 7 });
  });

  it("computes step durations from line arrival times", () => {
    const text = fixture("classic-opt-cached.txt");
    const times = text.split("\n").map((_, index) => index * 10);
    const build = parseBuildOutput(text, "classic", { lineTimesMs: times });
    expect(build.steps[0]?.durationMs).toBe(20); // header + arrow, then the next header
    expect(build.steps.every((s) => typeof s.durationMs === "number" && s.durationMs >= 0)).toBe(true);
  });

  it("reports the lesson's COPY package* . rejected by the legacy builder at step 3", () => {
    const build = parseBuildOutput(fixture("classic-lesson-app.txt"), "classic", { dockerfile: fixture("lesson-app.Dockerfile") });
    expect(build.imageId).toBeNull();
    expect(build.error).toBe("When using COPY with more than one source file, the destination must be a directory and end with a /");
    expect(build.steps.at(-1)).toMatchObject({ index: 3, instruction: "COPY package* .", dockerfileLine: 5, status: "failed" });
  });

  it("reads a failing RUN in a multi-stage build", () => {
    const build = parseBuildOutput(fixture("classic-multistage-run-fails.txt"), "classic", { dockerfile: fixture("multistage.Dockerfile") });
    expect(build.error).toBe(`The command '/bin/sh -c echo "about to fail" && exit 3' returned a non-zero code: 3`);
    expect(build.steps.map((s) => s.dockerfileLine)).toEqual([1, 2, 3, 5, 6, 7]);
    expect(build.steps.at(-1)).toMatchObject({ status: "failed", output: ["about to fail", expect.stringContaining("non-zero code: 3")] });
  });

  it("treats output with no step at all as a failed build with the last line as the error", () => {
    const build = parseBuildOutput('unable to prepare context: path "/nope" not found\n', "classic");
    expect(build).toMatchObject({ steps: [], imageId: null, error: 'unable to prepare context: path "/nope" not found' });
  });
});

describe("parseBuildOutput, BuildKit plain progress (captured from docker 20.10 CLI + dockerd 20.10)", () => {
  it("reads a cold build: Dockerfile steps only, in order, with BuildKit's own durations", () => {
    const build = parseBuildOutput(fixture("buildkit-opt-cold.txt"), "buildkit", { dockerfile: backend });
    expect(build.error).toBeNull();
    expect(build.imageId).toBe("sha256:8c80bf6c773f9e18ed08ef95411f6533479f1962d5c905e9ce331a16cb8f51a0");
    expect(summary(build.steps)).toEqual([
      [3, "FROM docker.io/library/node:20", false],
      [5, "WORKDIR /usr/src/app", false],
      [7, "COPY package*.json ./", false],
      [8, "RUN npm install", false],
      [10, "COPY . .", false],
      [11, "RUN npm run build", false],
    ]);
    expect(build.steps.map((s) => s.durationMs)).toEqual([0, 0, 100, 3000, 100, 800]);
    expect(build.steps.every((s) => s.layerId === null)).toBe(true);
    expect(build.steps[3]?.output).toContain("added 12 packages in 2s");
  });

  it("reads CACHED vertices (printed out of order) as a fully cached build with the same image", () => {
    const cached = parseBuildOutput(fixture("buildkit-opt-cached.txt"), "buildkit", { dockerfile: backend });
    expect(fullyCached(cached)).toBe(true);
    expect(cached.steps.map((s) => s.index)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(cached.imageId).toBe(parseBuildOutput(fixture("buildkit-opt-cold.txt"), "buildkit").imageId);
  });

  it("shows where a source edit invalidates the cache, optimised vs naive", () => {
    const optimised = parseBuildOutput(fixture("buildkit-opt-source-change.txt"), "buildkit", { dockerfile: backend });
    expect(summary(optimised.steps).slice(1)).toEqual([
      [5, "WORKDIR /usr/src/app", true],
      [7, "COPY package*.json ./", true],
      [8, "RUN npm install", true],
      [10, "COPY . .", false],
      [11, "RUN npm run build", false],
    ]);
    const naiveBuild = parseBuildOutput(fixture("buildkit-naive-source-change.txt"), "buildkit", { dockerfile: naive });
    expect(firstRebuiltStep(naiveBuild)).toMatchObject({ instruction: "COPY . .", dockerfileLine: 6 });
    expect(naiveBuild.steps.find((s) => s.instruction === "RUN npm install")).toMatchObject({ cached: false, durationMs: 1900 });
  });

  it("reports the lesson's build failing at RUN npx prisma generate with prisma's download error", () => {
    const build = parseBuildOutput(fixture("buildkit-lesson-app.txt"), "buildkit", { dockerfile: fixture("lesson-app.Dockerfile") });
    expect(build.imageId).toBeNull();
    expect(build.error).toBe("executor failed running [/bin/sh -c npx prisma generate]: exit code: 1");
    const failed = build.steps.find((s) => s.status === "failed");
    expect(failed).toMatchObject({ instruction: "RUN npx prisma generate", dockerfileLine: 9, index: 6 });
    expect(failed?.output.join("\n")).toContain("getaddrinfo ENOTFOUND binaries.prisma.sh");
    expect(build.steps.filter((s) => s.status === "done").map((s) => s.dockerfileLine)).toEqual([1, 5, 6, 8]);
  });

  it("maps named and numbered stages in a multi-stage build", () => {
    const build = parseBuildOutput(fixture("buildkit-multistage-run-fails.txt"), "buildkit", { dockerfile: fixture("multistage.Dockerfile") });
    expect(build.steps.map((s) => [s.stage, s.index, s.dockerfileLine, s.status])).toEqual([
      ["build", 1, 1, "cached"],
      ["build", 2, 2, "done"],
      ["build", 3, 3, "done"],
      ["stage-1", 2, 6, "done"],
      ["stage-1", 3, 7, "failed"],
    ]);
    expect(build.steps.at(-1)?.output).toEqual(["about to fail", expect.stringMatching(/^ERROR: executor failed running/)]);
  });

  it("leaves lines unknown without a Dockerfile, and unknown when the keyword disagrees", () => {
    const text = fixture("buildkit-opt-cold.txt");
    expect(parseBuildOutput(text, "buildkit").steps.every((s) => s.dockerfileLine === null)).toBe(true);
    const wrong = parseBuildOutput(text, "buildkit", { dockerfile: "FROM node:20\nRUN true\n" });
    expect(wrong.steps.map((s) => s.dockerfileLine)).toEqual([1, null, null, null, null, null]);
  });
});
