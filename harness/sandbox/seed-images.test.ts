import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDocker } from "../docker/cli-docker.js";
import { combinedArchivePath, loadCombinedArchive } from "./seed-images.js";

const probe = { ref: "dockproof/probe", localRef: "dockproof/probe:abc", id: "sha256:abc" };
const node = { ref: "node:20", localRef: "dockproof/substitute/node:20-def", id: "sha256:def" };

describe("combinedArchivePath", () => {
  it("is one archive per image set, whatever the order", () => {
    expect(combinedArchivePath("/cache", [probe, node])).toBe(combinedArchivePath("/cache", [node, probe]));
    expect(combinedArchivePath("/cache", [probe, node])).toMatch(/^\/cache\/set-[0-9a-f]{24}\.tar$/);
  });

  it("changes when an image's id changes", () => {
    expect(combinedArchivePath("/cache", [probe])).not.toBe(combinedArchivePath("/cache", [{ ...probe, id: "sha256:other" }]));
  });
});

// No daemon answers on port 1, so `docker load` fails (or, where no docker CLI is installed, cannot start):
// either way the error must say which images and archive it was loading, and why it failed.
describe("loadCombinedArchive", () => {
  it("fails with E_SEED naming the images, the archive and the reason", async () => {
    const dir = await mkdtemp(join(tmpdir(), "dockproof-seed-test-"));
    const archive = combinedArchivePath(dir, [probe]);
    await writeFile(archive, "not really an archive");
    const failure = await loadCombinedArchive(openDocker({ DOCKER_HOST: "tcp://127.0.0.1:1" }), openDocker({}), [probe], dir, 20_000).catch(
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({
      code: "E_SEED",
      message: expect.stringContaining(`loading dockproof/probe (from ${archive}) into the sandbox`),
    });
    expect((failure as Error).message).toMatch(/received exit code \d+|was not found on PATH/);
  });
});
