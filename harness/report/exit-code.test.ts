import { describe, expect, it } from "vitest";
import { EngineUnavailableError, ImageError, InvalidInputError, StepError } from "../support/errors.js";
import { EXIT, runExitCode, stopExitCode, stopMessage } from "./exit-code.js";

const run = (...statuses: Parameters<typeof runExitCode>[0][number]["status"][]) => runExitCode(statuses.map((status) => ({ status })));

describe("a run's exit code", () => {
  it("is 1 for a failed lesson, 3 for an error with no failure, 0 otherwise", () => {
    expect(run("passed", "known-issue", "unverified", "skipped")).toBe(EXIT.passed);
    expect(run("passed", "error")).toBe(EXIT.error);
    expect(run("error", "failed")).toBe(EXIT.failed);
    expect(runExitCode([{ status: "passed" }], true)).toBe(EXIT.failed);
    expect(run("skipped")).toBe(EXIT.passed);
  });

  it("a claim to review is 4, below a failure and a machine fault", () => {
    expect(run("passed", "review")).toBe(EXIT.review);
    expect(run("review", "error")).toBe(EXIT.error);
    expect(run("review", "failed")).toBe(EXIT.failed);
  });
});

describe("an error that stopped dockproof outside any verdict", () => {
  it("preparing this machine (engine, images, installs) is 3 in words of this machine, never 1", () => {
    const install = new EngineUnavailableError("E_INSTALL_FAILED", "this machine could not install debootstrap", {
      cause: new Error("apt-get exited 100\nE: Unable to locate package debootstrap"),
    });
    expect(stopExitCode(install)).toBe(EXIT.error);
    expect(stopMessage(install)).toBe(
      "dockproof: this machine could not run the lessons (no lesson was judged): this machine could not install debootstrap [E_INSTALL_FAILED]\n" +
        "  caused by: apt-get exited 100\n    E: Unable to locate package debootstrap\n",
    );
    expect(stopExitCode(new ImageError("IMAGE_BUILD_FAILED", "docker build failed"))).toBe(EXIT.error);
  });

  it("a code the lesson is blamed for inside a step is still this machine's out here: no lesson ran", () => {
    const error = new StepError("E_DOCKER_FAILED", "docker inspect failed while sweeping templates");
    expect(stopExitCode(error)).toBe(EXIT.error);
    expect(stopMessage(error)).toMatch(/^dockproof: this machine could not run the lessons/);
  });

  it("the user's input is 2; an exception of dockproof's own is 3, named a bug, with its stack", () => {
    expect(stopExitCode(new InvalidInputError("E_USAGE", "expected a command"))).toBe(EXIT.invalid);
    const bug = new TypeError("cannot read properties of undefined (reading 'id')");
    expect(stopExitCode(bug)).toBe(EXIT.error);
    expect(stopMessage(bug)).toMatch(
      /^dockproof: stopped by a bug in dockproof, not by a lesson or this machine: cannot read .*\nTypeError: cannot read .*\n\s+at /,
    );
  });
});
