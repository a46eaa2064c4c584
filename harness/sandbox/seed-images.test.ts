import { describe, expect, it } from "vitest";
import { seedImages } from "./seed-images.js";

// No daemon answers on port 1, so `docker load` fails (or, where no docker CLI is installed, cannot start):
// either way the error must say which image and archive it was loading, and why it failed.
describe("seedImages", () => {
  it("fails with E_SEED naming the image, the archive and the reason", async () => {
    const image = { ref: "dockproof/probe", localRef: "dockproof/probe:abc", archive: "/nonexistent/probe.tar", id: "sha256:abc" };
    const failure = await seedImages({ DOCKER_HOST: "tcp://127.0.0.1:1" }, [image], 20_000).catch((error: unknown) => error);
    expect(failure).toMatchObject({
      code: "E_SEED",
      message: expect.stringContaining("loading dockproof/probe (from /nonexistent/probe.tar) into the sandbox"),
    });
    expect((failure as Error).message).toMatch(/received exit code \d+|was not found on PATH/);
  });
});
