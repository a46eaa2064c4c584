import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeDocker } from "../docker/fake-docker.js";
import { containerExitCheck } from "./container-exit.js";
import { ContainerNotRunningError } from "./container-state.js";
import { specOf } from "./test-support/check-spec.js";
import { inspectState, type ScriptedState, scriptState } from "./test-support/container-script.js";
import { fakeContext } from "./test-support/fake-context.js";

const STARTED = "2024-05-01T10:00:00.123456789Z";
const logs = (container: string) => ["logs", "--tail", "20", container];

/** The daemon's answer for `container` and its last 20 log lines. */
const scripted = (container: string, state: ScriptedState | "missing", lastLogs = "") => {
  const fake = scriptState(new FakeDocker(), container, state);
  return state === "missing" ? fake : fake.on(logs(container), { stdout: lastLogs });
};

const check = (fake: FakeDocker, step: Record<string, unknown>) =>
  containerExitCheck.run(specOf(containerExitCheck, { check: "container-exit", ...step }), fakeContext({ docker: fake }));

// The daemon's clock and ours are the same kernel's: pin ours 90 s after the container started, so upMs is exact.
beforeEach(() => void vi.spyOn(Date, "now").mockReturnValue(Date.parse(STARTED) + 90_000));
afterEach(() => void vi.restoreAllMocks());

describe("container-exit with state exited (the default)", () => {
  it("passes on the exit code expected, with its last log line in the message", async () => {
    const fake = scripted("migrate", { status: "exited", exitCode: 0, startedAt: STARTED }, "applied 3 migrations\ndone\n");
    const outcome = await check(fake, { container: "migrate", exitCode: 0, logs: { contains: "done" } });
    expect(outcome).toEqual({
      passed: true,
      message: '"migrate" exited with code 0: done',
      evidence: {
        container: "migrate",
        status: "exited",
        exitCode: 0,
        oomKilled: false,
        error: "",
        upMs: null,
        lastLogs: "applied 3 migrations\ndone",
      },
    });
    expect(fake.calls).toEqual([inspectState("migrate"), logs("migrate")]);
  });

  it("the twin: fails on another exit code, and on logs that lack the text", async () => {
    const fake = scripted("migrate", { status: "exited", exitCode: 1 }, "Error: connect ECONNREFUSED 172.18.0.2:5432\n");
    const outcome = await check(fake, { container: "migrate", exitCode: 0, logs: { contains: "done" } });
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toBe(
      'expected exit code 0, found 1; expected the last 20 log lines of "migrate" to contain "done", found "Error: connect ECONNREFUSED 172.18.0.2:5432"',
    );
    expect(outcome.evidence).toMatchObject({ status: "exited", exitCode: 1, lastLogs: "Error: connect ECONNREFUSED 172.18.0.2:5432" });
  });

  it("an OOM-killed exit is evidence as such, and not a clean exit", async () => {
    const fake = scripted("worker", { status: "exited", exitCode: 137, oomKilled: true }, "Killed\n");
    const outcome = await check(fake, { container: "worker", exitCode: 137 });
    expect(outcome.passed, outcome.message).toBe(true);
    expect(outcome.evidence).toMatchObject({ exitCode: 137, oomKilled: true });
    const clean = await check(fake, { container: "worker", exitCode: 0 });
    expect(clean.passed).toBe(false);
    expect(clean.message).toBe("expected exit code 0, found 137");
  });

  it("fails (for eventually to wait) while the container still runs", async () => {
    const fake = scripted("migrate", { status: "running", startedAt: STARTED }, "applying 3 migrations\n");
    const outcome = await check(fake, { container: "migrate", exitCode: 0 });
    expect(outcome).toEqual({
      passed: false,
      message: 'expected container "migrate" exited, found it running',
      evidence: {
        container: "migrate",
        status: "running",
        exitCode: null,
        oomKilled: false,
        error: "",
        upMs: 90_000,
        lastLogs: "applying 3 migrations",
      },
    });
  });

  it("fails on a missing container without asking for its logs", async () => {
    const fake = scripted("migrate", "missing");
    const outcome = await check(fake, { container: "migrate" });
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toBe('expected container "migrate" exited, found it missing (no such container)');
    expect(outcome.evidence).toMatchObject({ status: "missing", exitCode: null, lastLogs: "" });
    expect(fake.calls).toEqual([inspectState("migrate")]);
  });
});

describe("container-exit with state running", () => {
  it("passes once it has been up for runningFor, showing its last log line", async () => {
    const fake = scripted("web", { status: "running", startedAt: STARTED }, "Server listening on port 3000\n");
    const outcome = await check(fake, { container: "web", state: "running", runningFor: "60s" });
    expect(outcome).toEqual({
      passed: true,
      message: '"web" running: Server listening on port 3000',
      evidence: {
        container: "web",
        status: "running",
        exitCode: null,
        oomKilled: false,
        error: "",
        upMs: 90_000,
        lastLogs: "Server listening on port 3000",
      },
    });
    expect(fake.calls).toEqual([inspectState("web"), logs("web")]);
  });

  it("the twin: fails while it has not yet been up that long", async () => {
    const fake = scripted("web", { status: "running", startedAt: STARTED }, "Server listening on port 3000\n");
    const outcome = await check(fake, { container: "web", state: "running", runningFor: "2m" });
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toBe('expected "web" up for 120000 ms, found it up 90000 ms');
  });

  it("fails on a container created but not started yet", async () => {
    const fake = scripted("web", { status: "created" });
    const outcome = await check(fake, { container: "web", state: "running" });
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toBe('expected container "web" running, found it created');
    expect(outcome.evidence).toMatchObject({ status: "created", exitCode: null, upMs: null });
  });

  it("throws ContainerNotRunningError once it has exited: waiting cannot bring it back", async () => {
    const fake = scripted("web", { status: "exited", exitCode: 1 }, "Error: Cannot find module 'express'\n");
    const error = await check(fake, { container: "web", state: "running" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ContainerNotRunningError);
    expect(error).toMatchObject({
      code: "E_CONTAINER_NOT_RUNNING",
      container: "web",
      state: "exited",
      exitCode: 1,
      message: "expected container \"web\" to be running, found it exited (exit code 1); its last log lines:\nError: Cannot find module 'express'",
    });
    expect(fake.calls).toEqual([inspectState("web"), logs("web")]);
  });

  it("throws for a missing container too", async () => {
    const fake = scripted("web", "missing");
    await expect(check(fake, { container: "web", state: "running" })).rejects.toThrow(
      'expected container "web" to be running, found it missing (no such container)',
    );
    expect(fake.calls).toEqual([inspectState("web")]);
  });
});
