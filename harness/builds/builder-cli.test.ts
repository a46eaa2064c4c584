import { chmod, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { resolveBuilder } from "./builder-cli.js";

/** Fake docker CLIs that answer `--version` and `buildx version` like the real ones measured here. */
let dir = "";
async function fakeCli(name: string, version: string, buildx: boolean): Promise<string> {
  const file = path.join(dir, name);
  const buildxAnswer = buildx ? 'echo "github.com/docker/buildx v0.20.0"; exit 0' : 'echo "docker: unknown command: docker buildx" >&2; exit 1';
  await writeFile(
    file,
    `#!/bin/sh\nif [ "$1" = "--version" ]; then echo "Docker version ${version}, build abc"; exit 0; fi\nif [ "$1" = "buildx" ]; then ${buildxAnswer}; fi\nexit 2\n`,
  );
  await chmod(file, 0o755);
  return file;
}

describe("resolveBuilder", () => {
  const env = { DOCKER_HOST: "tcp://127.0.0.1:1" };
  let modern = "";
  let debian = "";
  let withBuildx = "";
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "dockproof-builder-cli-"));
    modern = await fakeCli("docker-28", "28.2.2", false);
    debian = await fakeCli("docker-20", "20.10.24+dfsg1", false);
    withBuildx = await fakeCli("docker-28-buildx", "28.2.2", true);
  });

  it("runs the classic builder with the first CLI found, DOCKER_BUILDKIT=0", async () => {
    expect(await resolveBuilder("classic", env, ["/nonexistent/docker", modern, debian])).toMatchObject({
      binary: modern,
      clientVersion: "28.2.2",
      via: "legacy",
      env: { DOCKER_BUILDKIT: "0" },
      buildFlags: ["--force-rm"],
    });
  });

  it("runs BuildKit with a pre-23 CLI's own client when no CLI has buildx", async () => {
    expect(await resolveBuilder("buildkit", env, [modern, debian])).toMatchObject({
      binary: debian,
      clientVersion: "20.10.24+dfsg1",
      via: "client-builtin",
      env: { DOCKER_BUILDKIT: "1" },
      buildFlags: ["--progress=plain"],
    });
  });

  it("prefers a CLI with buildx", async () => {
    expect(await resolveBuilder("buildkit", env, [debian, withBuildx])).toMatchObject({ binary: withBuildx, via: "buildx" });
  });

  it("explains why BuildKit is unavailable with only a modern CLI and no buildx", async () => {
    await expect(resolveBuilder("buildkit", env, [modern])).rejects.toMatchObject({
      code: "BUILD_BUILDER_UNAVAILABLE",
      message: expect.stringContaining(`found: ${modern} 28.2.2 without buildx`),
    });
    await expect(resolveBuilder("classic", env, ["/nonexistent/docker"])).rejects.toMatchObject({ code: "BUILD_BUILDER_UNAVAILABLE" });
  });
});
