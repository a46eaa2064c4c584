import { describe, expect, it } from "vitest";
import { BuildEvidenceError } from "./build-errors.js";
import { runDocker } from "./docker-command.js";

// Any binary stands in for docker here: what is under test is timeouts, exits and line capture.
// stdout and stderr are separate pipes, so the ordering test spaces its writes apart.
const base = { cliEnv: { DOCKER_HOST: "tcp://127.0.0.1:1" }, what: "the stand-in command", timeoutMs: 5_000 };

describe("runDocker", () => {
  it("captures stdout and stderr lines in order with arrival times, and passes cliEnv", async () => {
    const result = await runDocker(["-c", 'echo "host=$DOCKER_HOST"; sleep 0.1; echo err >&2; sleep 0.1; echo "buildkit=$DOCKER_BUILDKIT"'], {
      ...base,
      binary: "sh",
      env: { DOCKER_BUILDKIT: "0" },
    });
    expect(result.exitCode).toBe(0);
    expect(result.lines.map((line) => line.text)).toEqual(["host=tcp://127.0.0.1:1", "err", "buildkit=0"]);
    expect(result.lines.every((line, i, all) => line.atMs >= (all[i - 1]?.atMs ?? 0))).toBe(true);
  });

  it("returns a non-zero exit when allowed, and throws BUILD_CLI_FAILED with the output tail when not", async () => {
    const failing = { ...base, binary: "sh" };
    expect((await runDocker(["-c", "echo nope; exit 3"], { ...failing, allowFailure: true })).exitCode).toBe(3);
    await expect(runDocker(["-c", "echo nope; exit 3"], failing)).rejects.toMatchObject({
      code: "BUILD_CLI_FAILED",
      message: expect.stringMatching(/the stand-in command failed: .*received exit code 3\.\nLast 1 of 1 output lines:\nnope/s),
    });
  });

  it("says what it waited for when it times out", async () => {
    const error = await runDocker(["5"], { ...base, binary: "sleep", timeoutMs: 200 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuildEvidenceError);
    expect(error).toMatchObject({
      code: "BUILD_CLI_TIMEOUT",
      message: expect.stringContaining("Timed out after 0 s waiting for the stand-in command"),
    });
  });

  it("reports a missing binary as BUILD_CLI_MISSING", async () => {
    await expect(runDocker(["version"], { ...base, binary: "/nonexistent/docker" })).rejects.toMatchObject({ code: "BUILD_CLI_MISSING" });
  });
});
