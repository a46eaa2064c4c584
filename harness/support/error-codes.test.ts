import { describe, expect, it } from "vitest";
import {
  BUILD_ERROR_CODES,
  DOCKER_ERROR_CODES,
  ENGINE_ERROR_CODES,
  HARNESS_ERROR_CODES,
  IMAGE_ERROR_CODES,
  INPUT_ERROR_CODES,
  REGISTRY_ERROR_CODES,
  SANDBOX_ERROR_CODES,
  STEP_ERROR_CODES,
  blameOf,
} from "./error-codes.js";
import { blameOfError, DockproofError, errorReport, StepError } from "./errors.js";

const TABLES = {
  BUILD_ERROR_CODES,
  DOCKER_ERROR_CODES,
  ENGINE_ERROR_CODES,
  HARNESS_ERROR_CODES,
  IMAGE_ERROR_CODES,
  INPUT_ERROR_CODES,
  REGISTRY_ERROR_CODES,
  SANDBOX_ERROR_CODES,
  STEP_ERROR_CODES,
};

describe("error codes", () => {
  it("are unique across every concern's table", () => {
    const all = Object.values(TABLES).flatMap((table) => Object.values(table));
    expect(new Set(all).size).toBe(all.length);
  });

  it("type the code of every DockproofError: an unlisted code does not compile (tsc checks the expect-error)", () => {
    // @ts-expect-error "E_NOT_A_CODE" is in no table; `npm run lint` fails if this line ever compiles.
    const unlisted = new DockproofError("E_NOT_A_CODE", "never thrown");
    expect(unlisted.code).toBe("E_NOT_A_CODE");
    expect(new StepError(STEP_ERROR_CODES.hang, "hangs").code).toBe("E_HANG");
  });
});

describe("blame, declared beside each code", () => {
  it("every code has one of the five blames", () => {
    const all = Object.values(TABLES).flatMap((table) => Object.values(table));
    for (const code of all) expect(["lesson", "limitation", "input", "machine", "harness"], code).toContain(blameOf(code));
  });

  // The rule of README "Who is to blame": a Docker error about the lesson's own objects is the lesson's; the machine's
  // tools, sandboxes, engine and installs are the machine's; an exception of dockproof's own is a bug.
  it.each([
    ["E_EXPECTATION", "lesson"],
    ["E_HANG", "lesson"],
    ["E_NOT_PUBLISHED", "lesson"],
    ["E_DOCKER_FAILED", "lesson"],
    ["E_CONTAINER_NOT_RUNNING", "lesson"],
    ["BUILD_IMAGE_NOT_FOUND", "lesson"],
    ["E_ENVIRONMENT", "limitation"],
    ["E_SUBSTITUTE_GAP", "limitation"],
    ["E_USAGE", "input"],
    ["E_TARGET", "input"],
    ["E_DOCKER_MISSING", "machine"],
    ["E_SANDBOX_LOST", "machine"],
    ["E_DISK_FULL", "machine"],
    ["E_ENGINE_UNAVAILABLE", "machine"],
    ["E_INSTALL_FAILED", "machine"],
    ["E_INSTALL_LOCKED", "machine"],
    ["IMAGE_BUILD_FAILED", "machine"],
    ["E_INTERNAL", "harness"],
  ] as const)("%s is the %s's", (code, blame) => {
    expect(blameOf(code)).toBe(blame);
  });

  it("a code no table declares (a report from elsewhere) is dockproof's own bug", () => {
    expect(blameOf("E_FROM_ANOTHER_VERSION")).toBe("harness");
  });

  it("an error's blame comes from its code, not its class; anything not a DockproofError is a bug, reported with its stack", () => {
    expect(new StepError("E_SPAWN", "docker could not start").blame).toBe("machine");
    expect(new DockproofError("E_DOCKER_FAILED", "no such container").blame).toBe("lesson");
    expect(blameOfError(new TypeError("x is undefined"))).toBe("harness");
    expect(errorReport(new StepError("E_HANG", "hangs"))).toEqual({ code: "E_HANG", message: "hangs" });
    const bug = errorReport(new TypeError("x is undefined"));
    expect(bug).toMatchObject({
      code: "E_INTERNAL",
      message: "TypeError: x is undefined",
      stack: expect.stringMatching(/^TypeError: x is undefined\n\s+at /),
    });
    expect(errorReport("a string thrown")).toEqual({ code: "E_INTERNAL", message: "a string thrown" });
    // The twin of a bug: an operating-system call that failed (an engine's socket gone) is this machine's, no stack.
    const refused = Object.assign(new Error("connect ECONNREFUSED /run/docker.sock"), { syscall: "connect", code: "ECONNREFUSED" });
    expect(blameOfError(refused)).toBe("machine");
    expect(errorReport(refused)).toEqual({ code: "E_SYSTEM", message: "Error: connect ECONNREFUSED /run/docker.sock" });
  });
});
