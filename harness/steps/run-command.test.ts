import { randomUUID } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { BackgroundCommand, runCommand } from "./run-command.js";

const env = { PATH: process.env.PATH ?? "/usr/bin:/bin" };
const echoArgv = ["node", "-e", "console.log(JSON.stringify(process.argv.slice(1)))", "--"];
const started: BackgroundCommand[] = [];

afterEach(async () => {
  await Promise.all(started.splice(0).map((command) => command.stop()));
});

describe("runCommand", () => {
  it("passes shell metacharacters as one argument and never runs them", async () => {
    const marker = `/tmp/dockproof-pwned-${randomUUID()}`;
    const hostile = `x; touch ${marker} $(touch ${marker}) \`touch ${marker}\` | cat && echo "$HOME" *`;
    try {
      const result = await runCommand([...echoArgv, hostile, "second arg"], { env, timeoutMs: 10_000 });
      expect(result.exitCode, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual([hostile, "second arg"]);
      const printed = await runCommand(["printf", "%s", hostile], { env, timeoutMs: 10_000 });
      expect(printed.stdout).toBe(hostile);
      expect(existsSync(marker)).toBe(false);
    } finally {
      rmSync(marker, { force: true });
    }
  });

  it("returns exit code, stdout, stderr and argv of a finished command", async () => {
    const argv = ["sh", "-c", "echo out; echo err >&2; exit 3"];
    const result = await runCommand(argv, { env, timeoutMs: 10_000 });
    expect(result).toMatchObject({ argv, exitCode: 3, stdout: "out", stderr: "err", timedOut: false });
    expect(result.spawnError).toBeUndefined();
    expect(result.durationMs).toBeGreaterThan(0);
  });

  it("uses only the environment and cwd it is given", async () => {
    const result = await runCommand(["sh", "-c", 'echo "${DP_ONLY:-unset} ${DP_LEAK:-unset} $(pwd)"'], { env: { ...env, DP_ONLY: "given" }, timeoutMs: 10_000, cwd: "/tmp" });
    expect(result.stdout).toBe("given unset /tmp");
  });

  it("kills a command still running at its deadline and says it timed out", async () => {
    const result = await runCommand(["sleep", "30"], { env, timeoutMs: 300 });
    expect(result.timedOut).toBe(true);
    expect(result.exitCode).toBeUndefined();
    expect(result.spawnError).toBeUndefined();
    expect(result.durationMs).toBeLessThan(5_000);
  });

  it("reports a program that cannot be started as a spawnError, not a throw", async () => {
    const result = await runCommand(["dockproof-no-such-program-xyz", "arg"], { env, timeoutMs: 5_000 });
    expect(result.spawnError).toContain("dockproof-no-such-program-xyz");
    expect(result.exitCode).toBeUndefined();
    expect(result.timedOut).toBe(false);
  });

  it("refuses an empty argv", async () => {
    await expect(runCommand([], { env, timeoutMs: 1_000 })).rejects.toThrow(TypeError);
  });
});

describe("BackgroundCommand", () => {
  const waitFor = async (condition: () => boolean, ms = 5_000) => {
    const deadline = Date.now() + ms;
    while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(condition()).toBe(true);
  };

  it("keeps the tail of stdout and stderr while running, and stop() ends it", async () => {
    const script = "i=1; while [ $i -le 50 ]; do echo line$i; i=$((i+1)); done; echo oops >&2; exec sleep 60";
    const command = new BackgroundCommand(["sh", "-c", script], { env });
    started.push(command);
    expect(command.pid).toBeGreaterThan(0);
    await waitFor(() => command.tail().includes("oops"));
    expect(command.exited).toBeUndefined();
    const tail = command.tail(3).split("\n");
    expect(tail).toContain("line50");
    expect(tail).not.toContain("line1");
    expect(command.tail(100)).toContain("line1\n");

    await command.stop();
    await waitFor(() => command.exited !== undefined);
    expect(command.exited?.signal).toBe("SIGTERM");
    expect(() => process.kill(command.pid!, 0)).toThrow();
  });

  it("bounds what it keeps to the last 64 KiB of a chatty command", async () => {
    const command = new BackgroundCommand(["node", "-e", "process.stdout.write('a'.repeat(200000) + 'END'); setInterval(() => {}, 1000)"], { env });
    started.push(command);
    await waitFor(() => command.tail().endsWith("END"));
    expect(command.tail().length).toBe(64 * 1024);
    await command.stop();
  });

  it("records the exit of a command that ends by itself; stop() is then harmless", async () => {
    const command = new BackgroundCommand(["sh", "-c", "echo done; exit 4"], { env });
    await waitFor(() => command.exited !== undefined);
    expect(command.exited).toEqual({ exitCode: 4, signal: undefined });
    expect(command.tail()).toContain("done");
    await command.stop();
  });
});

describe("runCommand line timing", () => {
  it("records stdout and stderr lines in arrival order with the time each arrived", async () => {
    const script = "console.log('first'); setTimeout(() => { console.error('second'); setTimeout(() => console.log('third'), 150); }, 150);";
    const result = await runCommand(["node", "-e", script], { env: process.env as Record<string, string>, timeoutMs: 10_000 });
    expect(result.lines.map((line) => line.text)).toEqual(["first", "second", "third"]);
    const [first, second, third] = result.lines.map((line) => line.atMs);
    expect(second! - first!).toBeGreaterThanOrEqual(100);
    expect(third! - second!).toBeGreaterThanOrEqual(100);
    expect(result.stdout).toBe("first\nthird");
    expect(result.stderr).toBe("second");
  });
});
