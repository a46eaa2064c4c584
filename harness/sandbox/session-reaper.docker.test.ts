import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
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
const outer = async () => (await ensureEngine({ stateDir: `${repoRoot}/.dockproof` })).docker;
const unlabelled = `reaper-test-plain-${randomUUID()}`;

afterAll(async () => {
  await (await outer()).query(["volume", "rm", "-f", unlabelled], { what: `removing the volume ${unlabelled}`, timeoutMs: 30_000 });
});

describe("session reaper", () => {
  test("lists and removes a dead session's volume and network, and leaves an unlabelled volume alone", async () => {
    const docker = await outer();
    const call = { what: "making the dead session's resources", timeoutMs: 30_000 };
    await docker.run(["volume", "create", ...labelFlags(labels), `${session}-volume`], call);
    await docker.run(["network", "create", ...labelFlags(labels), `${session}-network`], call);
    await docker.run(["volume", "create", unlabelled], call);
    const mine = async () =>
      (await listLabelled(docker))
        .filter((resource) => resource.session === session)
        .map((resource) => resource.kind)
        .sort();
    expect(await mine()).toEqual(["network", "volume"]);
    const lines: string[] = [];
    expect(await reapOrphanedSessions(docker, (line) => lines.push(line))).toBeGreaterThanOrEqual(2);
    expect(lines.join("\n")).toContain(session);
    expect(await mine()).toEqual([]);
    expect((await docker.query(["volume", "inspect", unlabelled], { what: `the volume ${unlabelled}`, timeoutMs: 30_000 })).exitCode).toBe(0);
  });
});
