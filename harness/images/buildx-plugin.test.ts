import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FakeDocker } from "../docker/fake-docker.js";
import { dockerConfigDir, prepareBuildxDockerConfig } from "./buildx-plugin.js";

const IMAGE = { ref: "docker:28-dind", localRef: "dockproof/substitute/docker:28-dind-0123456789ab", id: `sha256:${"a".repeat(64)}` };
/** No engine answers here: any docker call fails, so a result proves the cache was used. */
/** An engine that refuses every container: nothing may be asked of it when the plugin is current. */
const noEngine = () => new FakeDocker().on(["create", "..."], { exitCode: 1, stderr: "Cannot connect to the Docker daemon" });

const made: string[] = [];
afterAll(() => Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true }))));

async function repoWithPlugin(copiedFrom: string): Promise<string> {
  const repoRoot = await mkdtemp(path.join(tmpdir(), "dockproof-buildx-"));
  made.push(repoRoot);
  const plugins = path.join(dockerConfigDir(repoRoot), "cli-plugins");
  await mkdir(plugins, { recursive: true });
  await writeFile(path.join(plugins, "docker-buildx"), "#!/bin/sh\n", { mode: 0o755 });
  await writeFile(path.join(plugins, ".docker-buildx.image-id"), copiedFrom);
  return repoRoot;
}

describe("prepareBuildxDockerConfig", () => {
  it("returns the dockproof-owned DOCKER_CONFIG without asking Docker when the plugin came from this image", async () => {
    const repoRoot = await repoWithPlugin(IMAGE.id);
    const docker = noEngine();
    const config = await prepareBuildxDockerConfig({ repoRoot, image: IMAGE, docker });
    expect(docker.calls).toEqual([]);
    expect(config).toBe(path.join(repoRoot, ".dockproof", "docker-config"));
  });

  it("copies again when the image changed, and says which image lacked what when that fails", async () => {
    const repoRoot = await repoWithPlugin(`sha256:${"b".repeat(64)}`);
    await expect(prepareBuildxDockerConfig({ repoRoot, image: IMAGE, docker: noEngine() })).rejects.toMatchObject({
      name: "ImageError",
      message: expect.stringContaining(`docker create of ${IMAGE.localRef}`),
    });
    // The old plugin stays until a new one replaces it whole.
    expect(await readFile(path.join(dockerConfigDir(repoRoot), "cli-plugins", "docker-buildx"), "utf8")).toBe("#!/bin/sh\n");
  });
});
