import { describe, expect, it } from "vitest";
import { FakeDocker } from "../docker/fake-docker.js";
import { resolveBuilder } from "./builder-cli.js";

const MODERN = "/fake/docker-28";
const DEBIAN = "/fake/docker-20";
const WITH_BUILDX = "/fake/docker-28-buildx";
const VERSIONS: Record<string, string> = { [MODERN]: "28.2.2", [DEBIAN]: "20.10.24+dfsg1", [WITH_BUILDX]: "28.2.2" };

/** CLIs that answer `--version` and `buildx version` like the real ones measured here; any other binary is missing. */
const docker = new FakeDocker()
  .on(["--version"], (_args, options) => {
    const version = VERSIONS[options.binary ?? "docker"];
    return version ? { stdout: `Docker version ${version}, build abc` } : { missing: true };
  })
  .on(["buildx", "version"], (_args, options) =>
    options.binary === WITH_BUILDX
      ? { stdout: "github.com/docker/buildx v0.20.0" }
      : { exitCode: 1, stderr: "docker: unknown command: docker buildx" },
  );

describe("resolveBuilder", () => {
  it("runs the classic builder with the first CLI found, DOCKER_BUILDKIT=0", async () => {
    expect(await resolveBuilder("classic", docker, ["/nonexistent/docker", MODERN, DEBIAN])).toMatchObject({
      binary: MODERN,
      clientVersion: "28.2.2",
      via: "legacy",
      env: { DOCKER_BUILDKIT: "0" },
      buildFlags: ["--force-rm"],
    });
  });

  it("runs BuildKit with a pre-23 CLI's own client when no CLI has buildx", async () => {
    expect(await resolveBuilder("buildkit", docker, [MODERN, DEBIAN])).toMatchObject({
      binary: DEBIAN,
      clientVersion: "20.10.24+dfsg1",
      via: "client-builtin",
      env: { DOCKER_BUILDKIT: "1" },
      buildFlags: ["--progress=plain"],
    });
  });

  it("prefers a CLI with buildx", async () => {
    expect(await resolveBuilder("buildkit", docker, [DEBIAN, WITH_BUILDX])).toMatchObject({ binary: WITH_BUILDX, via: "buildx" });
  });

  it("explains why BuildKit is unavailable with only a modern CLI and no buildx", async () => {
    await expect(resolveBuilder("buildkit", docker, [MODERN])).rejects.toMatchObject({
      code: "BUILD_BUILDER_UNAVAILABLE",
      message: expect.stringContaining(`found: ${MODERN} 28.2.2 without buildx`),
    });
    await expect(resolveBuilder("classic", docker, ["/nonexistent/docker"])).rejects.toMatchObject({ code: "BUILD_BUILDER_UNAVAILABLE" });
  });
});
