import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDocker } from "../docker/cli-docker.js";
import { verifySandboxImages } from "./image-check.js";

// A daemon's /images/json on a unix socket, as the sandbox's API folder holds it.
let server: Server | undefined;
let dir = "";
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

async function daemonWith(images: Array<{ Id: string; RepoTags: string[] }>): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), "dockproof-image-check-"));
  const socket = join(dir, "docker.sock");
  server = createServer((request, response) => {
    response.writeHead(request.url === "/images/json" ? 200 : 404, { "content-type": "application/json" });
    response.end(JSON.stringify(images));
  });
  await new Promise<void>((resolve) => server?.listen(socket, resolve));
  return socket;
}

describe("verifySandboxImages", () => {
  it("passes when the daemon has each image under the lesson's name with the prepared id", async () => {
    const socket = await daemonWith([{ Id: "sha256:aaa", RepoTags: ["node:20"] }]);
    await expect(
      verifySandboxImages(openDocker({ DOCKER_HOST: `unix://${socket}` }), [{ ref: "node:20", id: "sha256:aaa" }], "template-mount of t"),
    ).resolves.toBeUndefined();
  });

  it("fails with E_SEED_MISMATCH, a harness error, when the template holds another image", async () => {
    const socket = await daemonWith([{ Id: "sha256:old", RepoTags: ["node:20"] }]);
    await expect(
      verifySandboxImages(openDocker({ DOCKER_HOST: `unix://${socket}` }), [{ ref: "node:20", id: "sha256:aaa" }], "template-mount of t"),
    ).rejects.toMatchObject({
      code: "E_SEED_MISMATCH",
      message:
        "expected the sandbox's images (seeded by template-mount of t) to be the ones prepared; node:20: expected sha256:aaa, found sha256:old",
    });
  });
});
