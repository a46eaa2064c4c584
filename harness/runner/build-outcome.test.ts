import { describe, expect, it } from "vitest";
import { type BuildOutcome, failedLessonLine } from "./build-outcome.js";

const outcome = (failedDockerfileLine: number | null, failedLines?: number[]): BuildOutcome => ({
  evidence: {},
  outcome: { passed: failedLines === undefined, message: "", evidence: failedLines ? { failedLines } : {}, undecided: [] },
  failureExplanation: null,
  failedDockerfileLine,
  dockerfile: "/work/Dockerfile",
  cacheUnverified: null,
  environment: null,
});
const lessonFile = { path: "Dockerfile", lines: [26, 41] as [number, number], offset: 0, text: "" };

describe("failedLessonLine", () => {
  it("cites the lesson line of the instruction a lesson Dockerfile's build stopped at", () => {
    expect(failedLessonLine(outcome(5), "/work", [lessonFile])).toBe(30);
  });

  it("cites the lesson line of the first instruction whose cache expectation failed (npm install moved below the build)", () => {
    expect(failedLessonLine(outcome(null, [12, 8]), "/work", [lessonFile])).toBe(37);
  });

  it("skips the scenario's own lines before the lesson's, and cites nothing for a Dockerfile of its own", () => {
    const withBefore = { ...lessonFile, lines: [41, 41] as [number, number], offset: 3 };
    expect(failedLessonLine(outcome(4), "/work", [withBefore])).toBe(41);
    expect(failedLessonLine(outcome(2), "/work", [withBefore])).toBeNull();
    expect(failedLessonLine(outcome(5), "/work", [{ ...lessonFile, path: "Dockerfile.other" }])).toBeNull();
    expect(failedLessonLine(outcome(null), "/work", [lessonFile])).toBeNull();
  });
});
