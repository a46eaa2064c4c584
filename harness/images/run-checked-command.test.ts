import { describe, expect, it } from "vitest";
import { ImageError } from "../support/errors.js";
import { runCommand } from "./run-checked-command.js";

describe("runCommand", () => {
  it("returns output and streams each line to onLine", async () => {
    const lines: string[] = [];
    const result = await runCommand("sh", ["-c", "echo one; echo two >&2; echo three"], {
      what: "a three-line script",
      timeoutMs: 5_000,
      onLine: (line) => lines.push(line),
    });
    expect(result.stdout).toBe("one\nthree");
    expect(lines.sort()).toEqual(["one", "three", "two"]);
  });

  it("passes extra env and drops undefined entries", async () => {
    const result = await runCommand("sh", ["-c", 'echo "$DP_A-${DP_B:-unset}"'], {
      what: "env echo",
      timeoutMs: 5_000,
      env: { DP_A: "a", DP_B: undefined },
    });
    expect(result.stdout).toBe("a-unset");
  });

  it("says what it waited for when the timeout fires", async () => {
    const failure = runCommand("sleep", ["5"], { what: "a sleepy command", timeoutMs: 200 });
    await expect(failure).rejects.toBeInstanceOf(ImageError);
    await expect(failure).rejects.toMatchObject({ code: "IMAGE_COMMAND_TIMEOUT" });
    await expect(failure).rejects.toThrow(/Timed out after 0 s waiting for a sleepy command/);
  });

  it("reports expected vs received exit code with the output tail and custom code", async () => {
    const failure = runCommand("sh", ["-c", "echo boom >&2; exit 3"], {
      what: "a failing script",
      timeoutMs: 5_000,
      failureCode: "IMAGE_BUILD_FAILED",
    });
    await expect(failure).rejects.toMatchObject({ code: "IMAGE_BUILD_FAILED" });
    await expect(failure).rejects.toThrow(/expected `sh -c .*` to exit 0, received exit code 3[\s\S]*boom/);
  });

  it("names the missing executable", async () => {
    const failure = runCommand("dockproof-no-such-binary", [], { what: "a missing tool", timeoutMs: 5_000 });
    await expect(failure).rejects.toMatchObject({ code: "IMAGE_COMMAND_MISSING" });
  });
});
