import { lstat, mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { homedir, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { Docker } from "../docker/docker.js";
import { ensureEngine } from "../outer-engine/ensure-engine.js";
import { prepareBuildxDockerConfig } from "./buildx-plugin.js";
import { engineNamed } from "./engines.js";
import { prepareImages } from "./index.js";

const enabled = process.env.DOCKPROOF_DOCKER_TESTS === "1";
const projectRoot = fileURLToPath(new URL("../..", import.meta.url));

/** Every path under ~/.docker with its size and mtime: what "unchanged" means. */
async function snapshot(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  const rows = await Promise.all(
    entries.map(async (entry) => {
      const info = await lstat(path.join(dir, entry));
      return `${entry} ${info.size} ${info.mtimeMs}`;
    }),
  );
  return rows.sort();
}

/** Where the CLI under DOCKER_CONFIG=`config` found its buildx plugin; null when it found none. */
async function buildxPath(docker: Docker, config: string): Promise<string | null> {
  const info = await docker.query(["info", "--format", "{{json .ClientInfo.Plugins}}"], {
    what: `the docker CLI's plugins under DOCKER_CONFIG=${config}`,
    env: { DOCKER_CONFIG: config },
    timeoutMs: 30_000,
  });
  const plugins = JSON.parse(info.stdout.trim() || "[]") as Array<{ Name: string; Path: string }> | null;
  return plugins?.find((candidate) => candidate.Name === "buildx")?.Path ?? null;
}

describe.skipIf(!enabled)("a dockproof-owned DOCKER_CONFIG with the buildx plugin", () => {
  const repoRoot = path.join(tmpdir(), `dockproof-buildx-${process.pid}`);
  afterAll(() => rm(repoRoot, { recursive: true, force: true }));

  it("lets the host's docker CLI find buildx, copies it once per image, and leaves ~/.docker alone", async () => {
    const docker = (await ensureEngine({ stateDir: path.join(projectRoot, ".dockproof") })).docker;
    const userConfig = path.join(homedir(), ".docker");
    const before = await snapshot(userConfig);
    const [modern] = await prepareImages([engineNamed("modern").catalogRef], {
      mode: "offline",
      repoRoot: projectRoot,
      docker,
      log: () => {},
    });
    if (!modern) throw new Error("expected the modern engine's image to be prepared");

    const config = await prepareBuildxDockerConfig({ repoRoot, image: modern, docker });
    expect(config).toBe(path.join(repoRoot, ".dockproof", "docker-config"));
    const plugin = path.join(config, "cli-plugins", "docker-buildx");
    const copied = await stat(plugin);
    expect(copied.mode & 0o111).not.toBe(0);

    const withConfig = await docker.query(["buildx", "version"], {
      what: "docker buildx version",
      env: { DOCKER_CONFIG: config },
      timeoutMs: 30_000,
    });
    expect(withConfig).toMatchObject({ exitCode: 0, stdout: expect.stringMatching(/^github\.com\/docker\/buildx 0\.13\.1/) });
    expect(await buildxPath(docker, config)).toBe(plugin);
    // The twin: with a scratch DOCKER_CONFIG the CLI finds no buildx of ours (at most a system-wide one elsewhere).
    const scratch = await mkdtemp(path.join(tmpdir(), "dockproof-noplugin-"));
    const elsewhere = await buildxPath(docker, scratch);
    await rm(scratch, { recursive: true, force: true });
    expect(elsewhere).not.toBe(plugin);

    // Cached by image id: a second call copies nothing.
    expect(await prepareBuildxDockerConfig({ repoRoot, image: modern, docker })).toBe(config);
    expect((await stat(plugin)).mtimeMs).toBe(copied.mtimeMs);
    expect(await snapshot(userConfig)).toEqual(before);
  });
});
