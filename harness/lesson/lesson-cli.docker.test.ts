import { randomUUID } from "node:crypto";
import path from "node:path";
import { execa } from "execa";
import { beforeAll, describe, expect, it } from "vitest";
import type { Docker } from "../docker/docker.js";
import { ensureEngine } from "../outer-engine/ensure-engine.js";
import { SESSION_LABEL } from "../support/session.js";
import { repoRoot } from "../support/paths.js";

let engine: Docker;
beforeAll(async () => {
  engine = (await ensureEngine({ stateDir: path.join(repoRoot, ".dockproof") })).docker;
});

/** `dockproof run` under a session id of our own, and what the engine saw it create (docker events). */
async function runCreating(...args: string[]) {
  const session = `lesson-input-test-${randomUUID()}`;
  const since = Math.floor(Date.now() / 1000) - 1;
  const result = await execa("node", ["bin/dockproof.mjs", "run", ...args], {
    cwd: repoRoot,
    reject: false,
    all: true,
    env: { DOCKPROOF_SESSION_ID: session },
  });
  const until = Math.floor(Date.now() / 1000) + 1;
  const filters = ["--filter", `label=${SESSION_LABEL}=${session}`, "--filter", "event=create"];
  const events = await engine.run(["events", "--since", String(since), "--until", String(until), ...filters, "--format", "{{.Type}} {{.Actor.ID}}"], {
    what: `the engine's create events of session ${session}`,
    timeoutMs: 60_000,
  });
  return { result, created: events.stdout.split("\n").filter(Boolean) };
}

describe("dockproof run with untrusted lesson and workdir files", () => {
  it("a lesson symlinked out of the lessons directory: exit 2, nothing created, nothing of the target printed", async () => {
    const { result, created } = await runCreating("fixtures/invalid/lesson-symlink-escape.yaml", "--lessons", "fixtures/invalid/lessons/course");
    expect(created).toEqual([]);
    expect(result.exitCode, result.all).toBe(2);
    expect(result.stderr).toMatch(/^fixtures\/invalid\/lesson-symlink-escape\.yaml:4:9 lesson\.file: lesson file "escape\.txt": /m);
    expect(result.all).not.toContain("SECRET-MARKER");
    expect(result.all).not.toMatch(/^\s+at /m);
  }, 120_000);

  it("a workdir with symlinks out: exit 2, nothing created", async () => {
    const { result, created } = await runCreating("fixtures/invalid/workdir-symlink-escape.yaml");
    expect(created).toEqual([]);
    expect(result.exitCode, result.all).toBe(2);
    expect(result.stderr).toContain("2 problems found; nothing was run.");
    expect(result.all).not.toContain("SECRET-MARKER");
  }, 120_000);
});
