import { randomUUID } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { outputTail, runProcess } from "./run-process.js";

const env = { PATH: process.env.PATH ?? "/usr/bin:/bin" };
const echoArgv = ["node", "-e", "console.log(JSON.stringify(process.argv.slice(1)))", "--"];
describe("runProcess", () => {
  it("passes shell metacharacters as one argument and never runs them", async () => {
    const marker = `/tmp/dockproof-pwned-${randomUUID()}`;
    const hostile = `x; touch ${marker} $(touch ${marker}) \`touch ${marker}\` | cat && echo "$HOME" *`;
    try {
      const result = await runProcess([...echoArgv, hostile, "second arg"], { env, timeoutMs: 10_000 });
      expect(result.exitCode, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual([hostile, "second arg"]);
      const printed = await runProcess(["printf", "%s", hostile], { env, timeoutMs: 10_000 });
      expect(printed.stdout).toBe(hostile);
      expect(existsSync(marker)).toBe(false);
    } finally {
      rmSync(marker, { force: true });
    }
  });

  it("returns exit code, stdout, stderr and argv of a finished command", async () => {
    const argv = ["sh", "-c", "echo out; echo err >&2; exit 3"];
    const result = await runProcess(argv, { env, timeoutMs: 10_000 });
    expect(result).toMatchObject({ argv, exitCode: 3, stdout: "out", stderr: "err", timedOut: false });
    expect(result.spawnError).toBeUndefined();
    expect(result.durationMs).toBeGreaterThan(0);
  });

  it("uses only the environment and cwd it is given", async () => {
    const result = await runProcess(["sh", "-c", 'echo "${DP_ONLY:-unset} ${DP_LEAK:-unset} $(pwd)"'], {
      env: { ...env, DP_ONLY: "given" },
      timeoutMs: 10_000,
      cwd: "/tmp",
    });
    expect(result.stdout).toBe("given unset /tmp");
  });

  it("kills a command still running at its deadline and says it timed out", async () => {
    const result = await runProcess(["sleep", "30"], { env, timeoutMs: 300 });
    expect(result.timedOut).toBe(true);
    expect(result.exitCode).toBeUndefined();
    expect(result.spawnError).toBeUndefined();
    expect(result.durationMs).toBeLessThan(5_000);
  });

  it("reports a program that cannot be started as a spawnError, not a throw", async () => {
    const result = await runProcess(["dockproof-no-such-program-xyz", "arg"], { env, timeoutMs: 5_000 });
    expect(result.spawnError).toEqual({ message: expect.stringContaining("dockproof-no-such-program-xyz"), missing: true });
    expect(result.exitCode).toBeUndefined();
    expect(result.timedOut).toBe(false);
  });

  it("refuses an empty argv", async () => {
    await expect(runProcess([], { env, timeoutMs: 1_000 })).rejects.toThrow(TypeError);
  });
});

describe("runProcess line timing", () => {
  it("records stdout and stderr lines in arrival order with the time each arrived", async () => {
    const script = "console.log('first'); setTimeout(() => { console.error('second'); setTimeout(() => console.log('third'), 150); }, 150);";
    const result = await runProcess(["node", "-e", script], { env: process.env as Record<string, string>, timeoutMs: 10_000 });
    expect(result.lines.map((line) => line.text)).toEqual(["first", "second", "third"]);
    const [first, second, third] = result.lines.map((line) => line.atMs);
    // Writes are 300 ms apart end to end; a busy event loop may record one late, so the spread is what is asserted.
    expect(second!).toBeGreaterThanOrEqual(first!);
    expect(third!).toBeGreaterThanOrEqual(second!);
    expect(third! - first!).toBeGreaterThanOrEqual(200);
    expect(result.stdout).toBe("first\nthird");
    expect(result.stderr).toBe("second");
  });
});

describe("runProcess for callers that need progress and an error tail", () => {
  it("streams each line to onLine and leaves out undefined env entries", async () => {
    const seen: string[] = [];
    const result = await runProcess(["sh", "-c", 'echo "$DP_A-${DP_B:-unset}"; echo two >&2'], {
      env: { DP_A: "a", DP_B: undefined },
      timeoutMs: 5_000,
      onLine: (line) => seen.push(line),
    });
    expect(result.stdout).toBe("a-unset");
    expect(seen.sort()).toEqual(["a-unset", "two"]);
  });

  it("outputTail shows the last lines and how many there were", () => {
    const lines = ["a", "b", "c"].map((text, atMs) => ({ text, atMs }));
    expect(outputTail(lines, 2)).toBe("\nLast 2 of 3 output lines:\nb\nc");
    expect(outputTail([], 2)).toBe("");
  });
});
