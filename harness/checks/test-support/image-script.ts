import { createHash } from "node:crypto";
import type { FakeDocker } from "../../docker/fake-docker.js";

/** A layer diff id that reads like one (64 hex digits), the same for the same name. */
export const diffId = (name: string): string => `sha256:${createHash("sha256").update(name).digest("hex")}`;

/** BuildKit marks its history rows with this comment; the classic builder and imported bases leave it empty. */
export const BUILDKIT = "buildkit.dockerfile.v0";

export interface HistoryStep {
  /** What `docker history --no-trunc` prints as CreatedBy. */
  createdBy: string;
  /** Bytes, as `--human=false` prints them. */
  size: number;
  /** The diff id of the layer this row committed; absent for a row that changed only the config (CMD, ENV…). */
  layer?: string;
  comment?: string;
}

export interface ScriptedImage {
  ref: string;
  id: string;
  /** Oldest first, the base image's rows included, as the image's own history holds them. */
  steps: readonly HistoryStep[];
}

/** The calls harness/builds/image-layers.ts makes for one image: inspect, history, then the layer count of each id history shows. */
export const imageLayerCalls = (image: Pick<ScriptedImage, "ref" | "id">): string[][] => [
  ["image", "inspect", "--format", "{{json .}}", image.ref],
  ["history", "--no-trunc", "--human=false", "--format", "{{json .}}", image.ref],
  ["image", "inspect", "--format", "{{.Id}} {{len .RootFS.Layers}}", image.id],
];

/**
 * Scripts what dockerd prints for `image`: `docker image inspect --format {{json .}}` (one line, RootFS.Layers bottom
 * first), `docker history --format {{json .}}` (newest first, `<missing>` for every row but the image's own) and the
 * layer count of the image's id.
 */
export function scriptImage(fake: FakeDocker, image: ScriptedImage): FakeDocker {
  const layers = image.steps.flatMap((step) => (step.layer ? [step.layer] : []));
  const inspect = {
    Id: image.id,
    RepoTags: [image.ref],
    RepoDigests: [],
    Parent: "",
    Comment: BUILDKIT,
    Created: "2024-05-01T10:00:00.123456789Z",
    Config: { Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"], Cmd: ["bash"], WorkingDir: "", Labels: null },
    Architecture: "amd64",
    Os: "linux",
    Size: image.steps.reduce((total, step) => total + step.size, 0),
    GraphDriver: { Data: null, Name: "overlay2" },
    RootFS: { Type: "layers", Layers: layers },
    Metadata: { LastTagTime: "0001-01-01T00:00:00Z" },
  };
  const history = [...image.steps].reverse().map((step, index) =>
    JSON.stringify({
      Comment: step.comment ?? "",
      CreatedAt: "2024-05-01T10:00:00Z",
      CreatedBy: step.createdBy,
      CreatedSince: "2024-05-01T10:00:00Z",
      ID: index === 0 ? image.id : "<missing>",
      Size: String(step.size),
    }),
  );
  return fake
    .on(["image", "inspect", "--format", "{{json .}}", image.ref], { stdout: `${JSON.stringify(inspect)}\n` })
    .on(["history", "--no-trunc", "--human=false", "--format", "{{json .}}", image.ref], { stdout: `${history.join("\n")}\n` })
    .on(["image", "inspect", "--format", "{{.Id}} {{len .RootFS.Layers}}", image.id], { stdout: `${image.id} ${layers.length}\n` });
}

/** debian:bookworm-slim as pulled: one imported layer under a config-only CMD. */
export const DEBIAN: ScriptedImage = {
  ref: "debian:bookworm-slim",
  id: diffId("image debian:bookworm-slim"),
  steps: [
    {
      createdBy: "/bin/sh -c #(nop) ADD file:5d6b639e8b6bcc011c4e7e2a1b2b5a1b0e6e2b1e8f3f2f4b9a0c1d2e3f4a5b6c7 in / ",
      size: 74_800_000,
      layer: diffId("debian rootfs"),
    },
    { createdBy: '/bin/sh -c #(nop)  CMD ["bash"]', size: 0 },
  ],
};

/** An image BuildKit built FROM debian:bookworm-slim: WORKDIR, COPY and RUN each commit a layer, CMD none. */
export function nodeApp(ref: string, run: string, base: ScriptedImage = DEBIAN): ScriptedImage {
  return {
    ref,
    id: diffId(`image ${ref}`),
    steps: [
      ...base.steps,
      { createdBy: "WORKDIR /app", size: 0, layer: diffId(`${base.ref} workdir /app`), comment: BUILDKIT },
      { createdBy: "COPY package.json . # buildkit", size: 512, layer: diffId(`${base.ref} copy package.json`), comment: BUILDKIT },
      { createdBy: `RUN /bin/sh -c ${run} # buildkit`, size: 20_000_000, layer: diffId(`${base.ref} run ${run}`), comment: BUILDKIT },
      { createdBy: 'CMD ["node" "server.js"]', size: 0, comment: BUILDKIT },
    ],
  };
}
