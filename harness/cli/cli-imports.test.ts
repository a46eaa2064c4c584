import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { defaultLessonsDir, repoRoot } from "../support/paths.js";

// The commands that never reach Docker load none of its clients (main.ts imports each command's module when it runs):
// the real CLI, as a user starts it, with every npm package it loads recorded.
const DOCKER_CLIENTS = ["testcontainers", "dockerode", "docker-modem", "ssh2", "mongodb"];
const recorder = path.join(repoRoot, "harness/cli/test-support/record-packages.mjs");

async function packagesLoaded(args: string[]): Promise<{ exitCode: number | undefined; packages: string[]; all: string }> {
  const record = path.join(await mkdtemp(path.join(tmpdir(), "cli-imports-")), "packages.txt");
  const result = await execa("node", ["--import", recorder, ...args], {
    cwd: repoRoot,
    reject: false,
    all: true,
    env: { RECORD_PACKAGES_FILE: record },
  });
  const lines = (await readFile(record, "utf8")).split("\n");
  const packages = new Set(lines.map((line) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(line)?.[1]).filter((name) => name !== undefined));
  return { exitCode: result.exitCode, packages: [...packages].sort(), all: result.all ?? "" };
}

const lessons = defaultLessonsDir();
const COMMANDS: Array<[string, string[]]> = [
  ["--help", ["--help"]],
  ["validate", ["validate", "scenarios", "--lessons", lessons]],
  ["list", ["list", "scenarios", "--lessons", lessons]],
  ["coverage", ["coverage", "scenarios", "--lessons", lessons]],
  ["status", ["status", "scenarios", "--lessons", lessons, "--baseline", "fixtures/reports/results-after.json", "--engines", "modern"]],
  ["scaffold", ["scaffold", "docker-layers-volumes-networks.txt", "--section", "Volumes ->", "--lessons", lessons]],
  ["engines", ["engines"]],
  ["diff", ["diff", "fixtures/reports/results-before.json", "fixtures/reports/results-after.json"]],
];

describe("the CLI loads only what a command needs", () => {
  it.concurrent.each(COMMANDS)(
    "%s loads no Docker client (testcontainers, dockerode, ssh2, mongodb)",
    async (_name, args) => {
      const { exitCode, packages, all } = await packagesLoaded(["bin/dockproof.mjs", ...args]);
      // The command did its work (a failure to load would also load nothing).
      expect(exitCode === 0 || exitCode === 1, all).toBe(true);
      expect(packages.filter((name) => DOCKER_CLIENTS.includes(name))).toEqual([]);
      // Seconds each on a loaded 2-core machine, eight at once: vitest's 5 s default is too short.
    },
    60_000,
  );

  it("the twin: the recorder sees a Docker client that is loaded", async () => {
    const { packages } = await packagesLoaded(["--input-type=module", "-e", 'await import("testcontainers"); await import("mongodb");']);
    expect(packages).toEqual(expect.arrayContaining(["testcontainers", "dockerode", "ssh2", "mongodb"]));
  }, 60_000);
});
