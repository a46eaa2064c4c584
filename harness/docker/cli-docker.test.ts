import { describe, expect, it } from "vitest";
import { BuildEvidenceError, buildFailure } from "../builds/build-errors.js";
import { openDocker } from "./cli-docker.js";
import { DockerError } from "./docker-error.js";

// Any binary stands in for docker here: what is under test is timeouts, exits and line capture.
// stdout and stderr are separate pipes, so the ordering test spaces its writes apart.
const client = openDocker({ DOCKER_HOST: "tcp://127.0.0.1:1" });
const base = { what: "the stand-in command", timeoutMs: 5_000 };

describe("the CLI door (openDocker)", () => {
  it("captures stdout and stderr lines in order with arrival times, and passes the engine's environment", async () => {
    const script = 'echo "host=$DOCKER_HOST"; sleep 0.1; echo err >&2; sleep 0.1; echo "buildkit=$DOCKER_BUILDKIT"';
    const result = await client.run(["-c", script], { ...base, binary: "sh", env: { DOCKER_BUILDKIT: "0" } });
    expect(result.exitCode).toBe(0);
    expect(result.lines.map((line) => line.text)).toEqual(["host=tcp://127.0.0.1:1", "err", "buildkit=0"]);
    expect(result.lines.every((line, i, all) => line.atMs >= (all[i - 1]?.atMs ?? 0))).toBe(true);
  });

  it("query returns a non-zero exit as the answer; run throws E_DOCKER_FAILED with the output tail", async () => {
    const failing = { ...base, binary: "sh" };
    expect((await client.query(["-c", "echo nope; exit 3"], failing)).exitCode).toBe(3);
    await expect(client.run(["-c", "echo nope; exit 3"], failing)).rejects.toMatchObject({
      code: "E_DOCKER_FAILED",
      message: expect.stringMatching(/the stand-in command failed: .*received exit code 3\.\nLast 1 of 1 output lines:\nnope/s),
    });
  });

  it("says what it waited for when it times out; query hands the timeout back instead", async () => {
    const error = await client.run(["5"], { ...base, binary: "sleep", timeoutMs: 200 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DockerError);
    expect(error).toMatchObject({
      code: "E_DOCKER_TIMEOUT",
      message: expect.stringContaining("Timed out after 0 s waiting for the stand-in command"),
    });
    expect(await client.query(["5"], { ...base, binary: "sleep", timeoutMs: 200 })).toMatchObject({ timedOut: true });
  });

  it("throws for a missing binary, even from query (there is no answer to read)", async () => {
    await expect(client.query(["version"], { ...base, binary: "/nonexistent/docker" })).rejects.toMatchObject({ code: "E_DOCKER_MISSING" });
  });

  it("fails with the calling concern's errors when given its factory", async () => {
    const builds = client.withFailures(buildFailure);
    const error = await builds.run(["5"], { ...base, binary: "sleep", timeoutMs: 200 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuildEvidenceError);
    expect(error).toMatchObject({ code: "BUILD_CLI_TIMEOUT" });
    await expect(builds.run(["version"], { ...base, binary: "/nonexistent/docker" })).rejects.toMatchObject({ code: "BUILD_CLI_MISSING" });
  });
});
