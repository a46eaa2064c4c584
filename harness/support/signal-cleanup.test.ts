import { spawn } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const victimScript = join(import.meta.dirname, "__fixtures__/interrupt-victim.ts");

/** Starts the victim, waits for its "ready" line, and returns it with its exit (code, or signal if killed). */
async function startVictim() {
  const record = join(await mkdtemp(join(tmpdir(), "dockproof-interrupt-")), "record.txt");
  const child = spawn(process.execPath, ["--import", "tsx", victimScript, record], { stdio: ["ignore", "pipe", "pipe"] });
  const exit = new Promise<number | string | null>((resolve) => child.on("exit", (code, signal) => resolve(code ?? signal)));
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after 20 s waiting for the victim's "ready" line; stderr: ${stderr}`)), 20_000);
    child.stdout.once("data", () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return {
    child,
    exit,
    stderr: () => stderr,
    disposals: async () => (await readFile(record, "utf8").catch(() => "")).trim().split("\n").filter(Boolean),
  };
}

describe("installSignalCleanup", () => {
  it.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
    ["SIGHUP", 129],
  ] as const)("%s runs every disposer (a second time after the late-start sweep delay) and exits %i", async (signal, code) => {
    const victim = await startVictim();
    victim.child.kill(signal);
    expect(await victim.exit).toBe(code);
    expect(victim.stderr()).toContain(`${signal} received, removing its sandboxes`);
    expect(await victim.disposals()).toEqual(["disposed interrupted=true", "disposed interrupted=true"]);
  });

  it("a closed output (EPIPE) is an orderly stop with exit 141, not a crash that skips the disposers", async () => {
    const victim = await startVictim();
    victim.child.stdout.destroy();
    expect(await victim.exit).toBe(141);
    expect(await victim.disposals()).toEqual(["disposed interrupted=true", "disposed interrupted=true"]);
  });

  it("a second signal during cleanup does not cut it short", async () => {
    const victim = await startVictim();
    victim.child.kill("SIGTERM");
    setTimeout(() => victim.child.kill("SIGINT"), 200);
    expect(await victim.exit).toBe(143);
    expect(await victim.disposals()).toHaveLength(2);
  });
});
