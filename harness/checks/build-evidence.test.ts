import { describe, expect, it } from "vitest";
import type { BuildStep, ParsedBuild } from "../builds/index.js";
import { checkBuild } from "./build-evidence.js";

const step = (instruction: string, line: number, status: BuildStep["status"]): BuildStep => ({
  instruction,
  keyword: instruction.split(" ")[0] ?? "",
  index: line,
  stage: null,
  dockerfileLine: line,
  cached: status === "cached",
  layerId: null,
  durationMs: null,
  status,
  output: [],
});

/** The lesson's Dockerfile rebuilt after a source change, stopped at line 9 by a download this machine cannot reach. */
const stopped = (npmInstall: BuildStep["status"]): ParsedBuild => ({
  builder: "buildkit",
  steps: [step("COPY package* .", 5, "cached"), step("RUN npm install", 8, npmInstall), step("RUN npx prisma generate", 9, "failed")],
  imageId: null,
  error: "getaddrinfo ENOTFOUND binaries.prisma.sh",
});

const expectation = { cached: ["COPY package* .", "RUN npm install", "RUN npx prisma generate"], rebuilt: ["COPY . ."] };

describe("a cache expectation held against a build this machine stopped", () => {
  it("decides what ran before the stop, and leaves what did not get through undecided", () => {
    const outcome = checkBuild(stopped("cached"), expectation, true);
    expect(outcome.passed).toBe(true);
    expect(outcome.undecided).toEqual(["RUN npx prisma generate", "COPY . ."]);
  });

  it("the twin: an instruction said to stay cached that ran again before the stop fails it, naming the instruction", () => {
    const outcome = checkBuild(stopped("done"), expectation, true);
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toBe('expected "RUN npm install" to come from the cache, found RUN npm install (line 8): done');
    expect(outcome.evidence).toEqual({ failedLines: [8] });
  });

  it("not stopped, the same record decides everything: a failed or missing instruction is a failure, not undecided", () => {
    const outcome = checkBuild(stopped("cached"), expectation, false);
    expect(outcome.passed).toBe(false);
    expect(outcome.undecided).toEqual([]);
    expect(outcome.message).toMatch(
      /expected "RUN npx prisma generate" to come from the cache, found .*: failed; expected "COPY \. \." to run again, found no such step/,
    );
  });

  it("fullyCached: one instruction that ran again before the stop decides it; none only means none yet", () => {
    expect(checkBuild(stopped("done"), { fullyCached: true }, true).passed).toBe(false);
    expect(checkBuild(stopped("cached"), { fullyCached: true }, true)).toMatchObject({ passed: true, undecided: ["every step from the cache"] });
  });
});
