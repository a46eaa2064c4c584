import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { execa } from "execa";
import { afterAll, describe, expect, test } from "vitest";
import { ensureEngine } from "../outer-engine/ensure-engine.js";
import { repoRoot } from "../support/paths.js";
import { listLabelled, reapOrphanedSessions } from "./session-reaper.js";
import { OWNER_HOST_LABEL, OWNER_PID_LABEL, SESSION_LABEL } from "../support/session.js";

// A dead owner: pid 2^22 is above Linux's default pid_max, so no live process has it.
const DEAD_PID = "4194304";
const session = `reaper-test-${randomUUID()}`;
const labels = [SESSION_LABEL, session, OWNER_PID_LABEL, DEAD_PID, OWNER_HOST_LABEL, hostname()];
const labelFlags = (pairs: string[]) => pairs.flatMap((value, index) => (index % 2 === 0 ? ["--label", `${value}=${pairs[index + 1]}`] : []));
const env = async () => (await ensureEngine({ stateDir: `${repoRoot}/.dockproof` })).cliEnv;
const unlabelled = `reaper-test-plain-${randomUUID()}`;

afterAll(async () => {
  await execa("docker", ["volume", "rm", "-f", unlabelled], { env: await env(), reject: false });
});

describe("session reaper", () => {
  test("lists and removes a dead session's volume and network, and leaves an unlabelled volume alone", async () => {
    const cliEnv = await env();
    await execa("docker", ["volume", "create", ...labelFlags(labels), `${session}-volume`], { env: cliEnv });
    await execa("docker", ["network", "create", ...labelFlags(labels), `${session}-network`], { env: cliEnv });
    await execa("docker", ["volume", "create", unlabelled], { env: cliEnv });
    const mine = async () =>
      (await listLabelled(cliEnv))
        .filter((resource) => resource.session === session)
        .map((resource) => resource.kind)
        .sort();
    expect(await mine()).toEqual(["network", "volume"]);
    const lines: string[] = [];
    expect(await reapOrphanedSessions(cliEnv, (line) => lines.push(line))).toBeGreaterThanOrEqual(2);
    expect(lines.join("\n")).toContain(session);
    expect(await mine()).toEqual([]);
    expect((await execa("docker", ["volume", "inspect", unlabelled], { env: cliEnv, reject: false })).exitCode).toBe(0);
  });
});
