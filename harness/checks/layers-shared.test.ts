import { describe, expect, it } from "vitest";
import { BuildEvidenceError } from "../builds/index.js";
import { FakeDocker } from "../docker/fake-docker.js";
import { layersSharedCheck } from "./layers-shared.js";
import { specOf } from "./test-support/check-spec.js";
import { fakeContext } from "./test-support/fake-context.js";
import { BUILDKIT, diffId, imageLayerCalls, nodeApp, type ScriptedImage, scriptImage } from "./test-support/image-script.js";

// Two builds of one Dockerfile that differ in their RUN: debian's layer, WORKDIR and COPY are the same stored layers.
const V1 = nodeApp("app:1", "npm ci");
const V2 = nodeApp("app:2", "npm ci --omit=dev");
const short = (digest: string) => digest.replace(/^sha256:/, "").slice(0, 12);

const check = (fake: FakeDocker, step: Record<string, unknown> = {}) =>
  layersSharedCheck.run(specOf(layersSharedCheck, { check: "layers-shared", images: ["app:1", "app:2"], ...step }), fakeContext({ docker: fake }));

const scripted = (...images: ScriptedImage[]) => images.reduce((fake, image) => scriptImage(fake, image), new FakeDocker());
/** Both images are read at once, so the calls interleave: compared in a stable order. */
const sorted = (calls: readonly string[][]) => [...calls].map((call) => call.join(" ")).sort();

describe("layers-shared", () => {
  it("passes on the common bottom layers, counting them and their bytes", async () => {
    const fake = scripted(V1, V2);
    const outcome = await check(fake);
    expect(outcome).toEqual({
      passed: true,
      message: "app:1 and app:2 share 3 layer(s), 74.8 MB",
      evidence: {
        images: ["app:1", "app:2"],
        shared: 3,
        bytes: 74_800_512,
        digests: [diffId("debian rootfs"), diffId("debian:bookworm-slim workdir /app"), diffId("debian:bookworm-slim copy package.json")].map(short),
        layerCounts: [4, 4],
      },
    });
    expect(sorted(fake.calls)).toEqual(sorted([...imageLayerCalls(V1), ...imageLayerCalls(V2)]));
  });

  it("the twin: fails when fewer layers are shared than atLeast asks", async () => {
    const outcome = await check(scripted(V1, V2), { atLeast: 4 });
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toBe("expected at least 4 shared layer(s); found: app:1 and app:2 share 3 layer(s), 74.8 MB");
    expect(outcome.evidence).toMatchObject({ shared: 3, layerCounts: [4, 4] });
  });

  it("fails on images over different bases even where an upper layer's digest is equal: sharing is a common prefix", async () => {
    // BuildKit's empty layer (a WORKDIR that exists already) has one digest everywhere; above different bases it is not shared.
    const empty = "sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef";
    const over = (ref: string, rootfs: string): ScriptedImage => ({
      ref,
      id: diffId(`image ${ref}`),
      steps: [
        { createdBy: `/bin/sh -c #(nop) ADD file:${rootfs} in / `, size: 5_000_000, layer: diffId(rootfs) },
        { createdBy: "WORKDIR /", size: 0, layer: empty, comment: BUILDKIT },
      ],
    });
    const outcome = await check(scripted(over("app:1", "alpine rootfs"), over("app:2", "busybox rootfs")));
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toBe("expected at least 1 shared layer(s); found: app:1 and app:2 share 0 layer(s), 0.0 MB");
    expect(outcome.evidence).toMatchObject({ shared: 0, bytes: 0, digests: [], layerCounts: [2, 2] });
  });

  it("throws BUILD_IMAGE_NOT_FOUND when one image is not there", async () => {
    const fake = scripted(V1).on(["image", "inspect", "--format", "{{json .}}", "app:2"], {
      exitCode: 1,
      stdout: "[]\n",
      stderr: "Error: No such image: app:2\n",
    });
    const error = await check(fake).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BuildEvidenceError);
    expect(error).toMatchObject({ code: "BUILD_IMAGE_NOT_FOUND" });
    expect((error as Error).message).toContain("Error: No such image: app:2");
  });
});
