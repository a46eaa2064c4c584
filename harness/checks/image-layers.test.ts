import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BuildEvidenceError } from "../builds/index.js";
import { FakeDocker } from "../docker/fake-docker.js";
import { StepError } from "../support/errors.js";
import { imageLayersCheck } from "./image-layers.js";
import { specOf } from "./test-support/check-spec.js";
import { fakeContext } from "./test-support/fake-context.js";
import { DEBIAN, diffId, imageLayerCalls, nodeApp, type ScriptedImage, scriptImage } from "./test-support/image-script.js";

/** The Dockerfile app:1 was built from (see nodeApp): WORKDIR, COPY and RUN above debian, then CMD. */
const DOCKERFILE = ["FROM debian:bookworm-slim", "WORKDIR /app", "COPY package.json .", "RUN apt-get update", 'CMD ["node", "server.js"]', ""].join(
  "\n",
);
/** The lesson's version with an extra COPY that the image does not have. */
const TWO_COPIES = ["FROM debian:bookworm-slim", "WORKDIR /app", "COPY package.json .", "COPY . .", "RUN apt-get update", ""].join("\n");

const APP = nodeApp("app:1", "apt-get update");
const short = (digest: string) => digest.replace(/^sha256:/, "").slice(0, 12);

let workdir: string;
beforeAll(async () => {
  workdir = await mkdtemp(join(tmpdir(), "dockproof-image-layers-"));
  await writeFile(join(workdir, "Dockerfile"), DOCKERFILE);
  await writeFile(join(workdir, "Dockerfile.copies"), TWO_COPIES);
});
afterAll(() => rm(workdir, { recursive: true, force: true }));

const check = (fake: FakeDocker, step: Record<string, unknown> = {}) =>
  imageLayersCheck.run(
    specOf(imageLayersCheck, { check: "image-layers", image: "app:1", base: "debian:bookworm-slim", ...step }),
    fakeContext({ docker: fake, workdir }),
  );

const scripted = (...images: ScriptedImage[]) => images.reduce((fake, image) => scriptImage(fake, image), new FakeDocker());
/** Both images are read at once, so the calls interleave: compared in a stable order. */
const sorted = (calls: readonly string[][]) => [...calls].map((call) => call.join(" ")).sort();

describe("image-layers", () => {
  it("passes when each RUN/COPY above the base made one layer (BuildKit's WORKDIR layer is left out)", async () => {
    const fake = scripted(APP, DEBIAN);
    const outcome = await check(fake);
    expect(outcome).toEqual({
      passed: true,
      message: "1 base layer(s), then one layer per instruction: COPY, RUN",
      evidence: {
        image: "app:1",
        base: "debian:bookworm-slim",
        baseLayers: 1,
        layers: [
          { digest: short(diffId("debian:bookworm-slim workdir /app")), bytes: 0, instruction: "WORKDIR /app" },
          { digest: short(diffId("debian:bookworm-slim copy package.json")), bytes: 512, instruction: "COPY package.json ." },
          { digest: short(diffId("debian:bookworm-slim run apt-get update")), bytes: 20_000_000, instruction: "RUN apt-get update" },
        ],
        instructions: ["3: COPY package.json .", "4: RUN apt-get update"],
      },
    });
    expect(sorted(fake.calls)).toEqual(sorted([...imageLayerCalls(APP), ...imageLayerCalls(DEBIAN)]));
  });

  it("the twin: fails when the Dockerfile has an instruction the image has no layer for", async () => {
    const outcome = await check(scripted(APP, DEBIAN), { dockerfile: "Dockerfile.copies" });
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toBe("expected one layer per RUN/COPY/ADD above the base (COPY, COPY, RUN), found COPY, RUN");
    expect(outcome.evidence.instructions).toEqual(["3: COPY package.json .", "4: COPY . .", "5: RUN apt-get update"]);
  });

  it("fails when the image does not start with the base's layers (built on another base)", async () => {
    const other: ScriptedImage = {
      ref: "debian:trixie-slim",
      id: diffId("image debian:trixie-slim"),
      steps: [
        { createdBy: "/bin/sh -c #(nop) ADD file:0123456789abcdef in / ", size: 80_000_000, layer: diffId("trixie rootfs") },
        { createdBy: '/bin/sh -c #(nop)  CMD ["bash"]', size: 0 },
      ],
    };
    const outcome = await check(scripted(nodeApp("app:1", "apt-get update", other), DEBIAN));
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toBe("expected app:1 to start with the 1 layers of debian:bookworm-slim, found different digests");
  });

  it("reads a classic-builder history too: `/bin/sh -c` rows are RUNs, `#(nop)` rows are COPY/CMD", async () => {
    const classic: ScriptedImage = {
      ref: "app:1",
      id: diffId("image classic app:1"),
      steps: [
        ...DEBIAN.steps,
        { createdBy: "/bin/sh -c #(nop) WORKDIR /app", size: 0 },
        { createdBy: "/bin/sh -c #(nop) COPY file:8e2b0c5f0d1a in . ", size: 512, layer: diffId("classic copy") },
        { createdBy: "/bin/sh -c apt-get update", size: 20_000_000, layer: diffId("classic run") },
        { createdBy: '/bin/sh -c #(nop)  CMD ["node" "server.js"]', size: 0 },
      ],
    };
    const outcome = await check(scripted(classic, DEBIAN));
    expect(outcome.passed, outcome.message).toBe(true);
    expect(outcome.evidence.layers).toEqual([
      { digest: short(diffId("classic copy")), bytes: 512, instruction: "COPY file:8e2b0c5f0d1a in ." },
      { digest: short(diffId("classic run")), bytes: 20_000_000, instruction: "RUN apt-get update" },
    ]);
  });

  it("throws BUILD_IMAGE_NOT_FOUND for an image that is not there, never a verdict", async () => {
    const fake = scriptImage(new FakeDocker(), DEBIAN).on(["image", "inspect", "--format", "{{json .}}", "app:1"], {
      exitCode: 1,
      stdout: "[]\n",
      stderr: "Error: No such image: app:1\n",
    });
    const error = await check(fake).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BuildEvidenceError);
    expect(error).toMatchObject({ code: "BUILD_IMAGE_NOT_FOUND", message: "docker image inspect app:1 exited 1: []\nError: No such image: app:1" });
  });

  it("throws E_STEP_FILE when the Dockerfile is not in the working folder", async () => {
    const error = await check(scripted(APP, DEBIAN), { dockerfile: "Dockerfile.missing" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StepError);
    expect(error).toMatchObject({ code: "E_STEP_FILE" });
    expect((error as Error).message).toMatch(/^Dockerfile "Dockerfile\.missing": expected /);
  });
});
