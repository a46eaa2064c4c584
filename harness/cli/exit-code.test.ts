import { describe, expect, it } from "vitest";
import { EXIT, runExitCode } from "./exit-code.js";

describe("runExitCode", () => {
  it("is 0 when nothing failed: passed, known issues, unverified claims and skipped scenarios (a missing tool) alike", () => {
    expect(runExitCode(["passed", "known-issue", "unverified", "skipped"], false)).toBe(EXIT.passed);
    expect(runExitCode(["skipped"], false)).toBe(0);
  });

  it("the twin: a failure or a regression is 1, a machine fault alone 3", () => {
    expect(runExitCode(["skipped", "failed", "error"], false)).toBe(EXIT.failed);
    expect(runExitCode(["passed"], true)).toBe(1);
    expect(runExitCode(["passed", "error"], false)).toBe(EXIT.error);
  });

  it("a claim to review is 4, below a failure and a machine fault", () => {
    expect(runExitCode(["passed", "review"], false)).toBe(EXIT.review);
    expect(runExitCode(["review", "error"], false)).toBe(EXIT.error);
    expect(runExitCode(["review", "failed"], false)).toBe(EXIT.failed);
  });
});
