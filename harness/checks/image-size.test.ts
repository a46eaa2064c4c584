import { describe, expect, it } from "vitest";
import { FakeDocker } from "../docker/fake-docker.js";
import { imageSizeCheck, sizeBytes } from "./image-size.js";
import { SubstituteGapError } from "./substitute-gap.js";
import { specOf } from "./test-support/check-spec.js";
import { fakeContext } from "./test-support/fake-context.js";

const inspect = (image: string) => ["image", "inspect", "--format", "{{json .}}", image];
const image = (size: number, labels: Record<string, string> | null = null) => ({
  stdout: `${JSON.stringify({ Id: "sha256:x", Size: size, Config: { Labels: labels } })}\n`,
});
const STAND_IN = { "org.dockproof.substitute-for": "node:20-alpine", "org.dockproof.content-hash": "abc" };
const LIMITATIONS = {
  "node:20-alpine": ["Not Alpine: Debian bookworm underneath, so a size claim cannot be checked.", "No apk: apt-get only."],
  "node:20": ["Its size is the stand-in's own, not the real image's: a size claim cannot be checked."],
};

const check = (fake: FakeDocker, step: Record<string, unknown>) =>
  imageSizeCheck.run(
    specOf(imageSizeCheck, { check: "image-size", image: "backend", ...step }),
    fakeContext({ docker: fake, limitations: LIMITATIONS }),
  );

describe("image-size", () => {
  it("passes when the real image is within the bound, or smaller than the other", async () => {
    const fake = new FakeDocker().on(inspect("backend"), image(142_300_000)).on(inspect("node:20"), image(1_100_000_000));
    expect(await check(fake, { atMost: "200MB" })).toEqual({
      passed: true,
      message: "backend is 142.3MB",
      evidence: { image: "backend", bytes: 142_300_000, atMostBytes: 200_000_000 },
    });
    expect((await check(fake, { smallerThan: "node:20" })).message).toBe("backend is 142.3MB, node:20 1.10GB");
  });

  it("the twin: fails when the image is bigger, saying both sizes", async () => {
    const fake = new FakeDocker().on(inspect("backend"), image(1_100_000_000)).on(inspect("node:20"), image(1_000_000_000));
    const bound = await check(fake, { atMost: "200MB" });
    expect(bound).toMatchObject({ passed: false, message: "expected backend is at most 200MB; found backend is 1.10GB" });
    expect((await check(fake, { smallerThan: "node:20" })).passed).toBe(false);
  });

  it("is unverified, never passed or failed, when the image is built on a stand-in: the catalog's own reason", async () => {
    const fake = new FakeDocker()
      .on(inspect("backend"), image(186_000_000, STAND_IN))
      .on(inspect("node:20"), image(186_000_000, { "org.dockproof.substitute-for": "node:20" }));
    const attempt = check(fake, { smallerThan: "node:20" });
    await expect(attempt).rejects.toThrow(SubstituteGapError);
    await expect(attempt).rejects.toThrow(
      "that backend is smaller than node:20 (backend is built on it) cannot be verified with dockproof's stand-in for node:20-alpine: Not Alpine: Debian bookworm underneath",
    );
    // The other image being a stand-in is enough: its size is the stand-in's.
    const other = new FakeDocker()
      .on(inspect("backend"), image(100))
      .on(inspect("node:20"), image(186_000_000, { "org.dockproof.substitute-for": "node:20" }));
    await expect(check(other, { smallerThan: "node:20" })).rejects.toThrow(/stand-in for node:20: Its size is the stand-in's own/);
  });

  it("fails on an image that is not there, and refuses a step with both or neither bound", async () => {
    const fake = new FakeDocker().on(inspect("backend"), { exitCode: 1, stderr: "Error: No such image: backend" });
    expect(await check(fake, { atMost: "1GB" })).toMatchObject({
      passed: false,
      message: "expected image backend to exist, found: Error: No such image: backend",
    });
    expect(() => specOf(imageSizeCheck, { check: "image-size", image: "a" })).toThrow(/exactly one of/);
    expect(() => specOf(imageSizeCheck, { check: "image-size", image: "a", atMost: "1GB", smallerThan: "b" })).toThrow(/exactly one of/);
    expect(() => specOf(imageSizeCheck, { check: "image-size", image: "a", atMost: "big" })).toThrow(/expected a size like/);
  });

  it("reads sizes as docker images prints them (decimal) or in binary units", () => {
    expect(sizeBytes("200MB")).toBe(200_000_000);
    expect(sizeBytes("1.5GB")).toBe(1_500_000_000);
    expect(sizeBytes("64 MiB")).toBe(64 * 1024 * 1024);
    expect(sizeBytes("200")).toBeUndefined();
  });
});
