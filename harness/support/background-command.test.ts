import { afterEach, describe, expect, it } from "vitest";
import { BackgroundCommand } from "./background-command.js";

const env = { PATH: process.env.PATH ?? "/usr/bin:/bin" };
const started: BackgroundCommand[] = [];

afterEach(async () => {
  await Promise.all(started.splice(0).map((command) => command.stop()));
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
