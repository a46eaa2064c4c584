import { appendFile, cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareImages } from "../images/index.js";
import { repoRoot } from "../support/paths.js";
import type { Docker } from "../docker/docker.js";
import { ensureEngine } from "../outer-engine/ensure-engine.js";
import { type Builder, type BuildResult, buildImage, classifyBuildFailure, firstRebuiltStep, fullyCached } from "./index.js";
import { buildFailure, imageLayers, resolveBuilder, sharedLayers } from "./index.js";

// Real builds on the outer engine (no sandbox): unique tags under dockproof-test/, labelled, removed at the end.
const enabled = process.env.DOCKPROOF_DOCKER_TESTS === "1";
/** The outer engine, set in the first beforeAll. */
let engine: Docker;
const LABELS = { "org.dockproof.session": "test" };
const RUN_ID = `${process.pid}-${Date.now().toString(36)}`;
const docker = (args: string[], what: string, allowFailure = false) =>
  engine.withFailures(buildFailure)[allowFailure ? "query" : "run"](args, { what, timeoutMs: 120_000 });
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const report = (line: string) => process.stderr.write(`[builds test] ${line}\n`);

const tags: string[] = [];
/** A rebuild moves its tag, leaving the previous image dangling: remove by id too. */
const imageIds = new Set<string>();
let taggedNode = false;
let workDir = "";

beforeAll(async () => {
  if (!enabled) return;
  engine = (await ensureEngine({ stateDir: path.join(repoRoot, ".dockproof") })).docker;
  const [node] = await prepareImages(["node:20"], { mode: "offline", repoRoot, docker: engine, log: () => {} });
  const existing = await docker(["image", "inspect", "--format", "{{.Id}}", "node:20"], "looking for node:20", true);
  if (existing.exitCode !== 0 && node) {
    // The fixtures say FROM node:20; never shadow a real one the user has.
    await docker(["tag", node.localRef, "node:20"], "tagging the node:20 substitute");
    taggedNode = true;
  }
  workDir = await mkdtemp(path.join(tmpdir(), "dockproof-builds-"));
}, 20 * 60_000);

afterAll(async () => {
  if (!enabled) return;
  if (tags.length > 0) await docker(["rmi", ...tags], "removing the test images", true);
  if (imageIds.size > 0) await docker(["rmi", ...imageIds], "removing the test images left dangling by rebuilds", true);
  if (taggedNode) await docker(["rmi", "node:20"], "untagging node:20", true);
  if (workDir) await rm(workDir, { recursive: true, force: true });
}, 120_000);

async function build(
  builder: Builder,
  contextDir: string,
  name: string,
  options: { dockerfile?: string; noCache?: boolean } = {},
): Promise<BuildResult> {
  const tag = `dockproof-test/builds-${RUN_ID}:${builder}-${name}`;
  if (!tags.includes(tag)) tags.push(tag);
  const result = await buildImage({ contextDir, tag, labels: LABELS, builder, docker: engine, ...options });
  if (result.imageId) imageIds.add(result.imageId);
  return result;
}

const available = async (builder: Builder) =>
  resolveBuilder(builder, engine).then(
    () => true,
    (error: unknown) => (report(`${builder} unavailable: ${(error as Error).message}`), false),
  );

describe.skipIf(!enabled).each(["classic", "buildkit"] as const)("%s builder on the real engine", (builder) => {
  let context = "";
  let cold: BuildResult;
  let cached: BuildResult;
  let usable = false;

  beforeAll(async () => {
    usable = await available(builder);
    if (!usable) return;
    context = path.join(workDir, `backend-${builder}`);
    await cp(path.join(repoRoot, "fixtures/backend"), context, { recursive: true });
    cold = await build(builder, context, "optimised", { noCache: true });
    cached = await build(builder, context, "optimised");
  }, 20 * 60_000);

  it("builds the optimised backend twice: the second is fully cached with the same image id", (ctx) => {
    if (!usable) return ctx.skip();
    expect(cold.ok, cold.output).toBe(true);
    expect(cached.ok).toBe(true);
    expect(fullyCached(cold.parsed)).toBe(false);
    expect(fullyCached(cached.parsed)).toBe(true);
    expect(cached.imageId).toBe(cold.imageId);
    report(`${builder}: optimised cold (--no-cache) ${seconds(cold.durationMs)}, fully cached rebuild ${seconds(cached.durationMs)}`);
  });

  it("after a source edit reuses the npm install layer with the optimised Dockerfile, re-runs it with the naive one", async (ctx) => {
    if (!usable) return ctx.skip();
    const naiveBefore = await build(builder, context, "naive", { dockerfile: "Dockerfile.naive" });
    expect(naiveBefore.ok, naiveBefore.output).toBe(true);
    await appendFile(path.join(context, "src/index.js"), `// edit ${RUN_ID}\n`);
    const optimised = await build(builder, context, "optimised");
    const naive = await build(builder, context, "naive", { dockerfile: "Dockerfile.naive" });
    const install = (result: BuildResult) => result.parsed.steps.find((step) => step.instruction === "RUN npm install");

    expect(install(optimised)).toMatchObject({ cached: true, dockerfileLine: 8 });
    expect(firstRebuiltStep(optimised.parsed)).toMatchObject({ instruction: "COPY . .", dockerfileLine: 10 });
    expect(install(naive)).toMatchObject({ cached: false, dockerfileLine: 7 });
    expect(firstRebuiltStep(naive.parsed)).toMatchObject({ instruction: "COPY . .", dockerfileLine: 6 });
    expect(optimised.imageId).not.toBe(cold.imageId);
    report(
      `${builder}: after a source edit, optimised rebuild ${seconds(optimised.durationMs)} (npm install cached), ` +
        `naive rebuild ${seconds(naive.durationMs)} (npm install re-ran in ${seconds(install(naive)?.durationMs ?? Number.NaN)})`,
    );
  });

  it("has one layer per filesystem-changing instruction (and the new WORKDIR) above the base", async (ctx) => {
    if (!usable) return ctx.skip();
    const [layers, base] = await Promise.all([imageLayers(cold.imageId ?? "", engine), imageLayers("node:20", engine)]);
    expect(layers.slice(0, base.length).map((l) => l.digest)).toEqual(base.map((l) => l.digest));
    const expected = cold.dockerfile.instructions.filter((i) => i.filesystemChanging || i.layerEffect === "workdir");
    const above = layers.slice(base.length);
    expect(above.map((l) => l.instruction?.split(" ")[0])).toEqual(expected.map((i) => i.keyword));
    expect(above.every((l) => l.attribution === "exact")).toBe(true);
    expect(above.find((l) => l.instruction?.startsWith("RUN npm install"))?.sizeBytes).toBeGreaterThan(1_000_000);
    report(`${builder}: ${base.length} base layers + ${above.map((l) => `${l.instruction?.slice(0, 24)} (${l.sizeBytes} B)`).join(", ")}`);
  });

  it("shares the base layers between two images built FROM node:20", async (ctx) => {
    if (!usable) return ctx.skip();
    const base = await imageLayers("node:20", engine);
    const shared = await sharedLayers(cold.imageId ?? "", `dockproof-test/builds-${RUN_ID}:${builder}-naive`, engine);
    expect(shared.count).toBeGreaterThanOrEqual(base.length);
    expect(shared.layers.slice(0, base.length).map((l) => l.digest)).toEqual(base.map((l) => l.digest));
    expect(shared.bytes).toBeGreaterThanOrEqual(base.reduce((total, l) => total + l.sizeBytes, 0));
    expect(shared.bytes).toBeGreaterThan(0);
    report(
      `${builder}: optimised and naive images share ${shared.count} of ${shared.a.layerCount}/${shared.b.layerCount} layers, ${(shared.bytes / 1e6).toFixed(1)} MB`,
    );
  });

  it("builds the lesson's own Dockerfile (fixtures/lesson-app) and says why it fails", async (ctx) => {
    if (!usable) return ctx.skip();
    const lessonContext = path.join(workDir, `lesson-app-${builder}`);
    await cp(path.join(repoRoot, "fixtures/lesson-app"), lessonContext, { recursive: true });
    // The app has no Dockerfile of its own (scenarios write the lesson's); this test builds the recorded copy.
    await cp(path.join(repoRoot, "harness/builds/test-fixtures/lesson-app.Dockerfile"), path.join(lessonContext, "Dockerfile"));
    const result = await build(builder, lessonContext, "lesson-app");
    const failure = classifyBuildFailure(result.parsed);
    report(
      `${builder}: lesson Dockerfile ${result.ok ? "built" : `failed at line ${failure?.step?.dockerfileLine}: ${failure?.message}`} in ${seconds(result.durationMs)}`,
    );
    if (builder === "classic") {
      // The legacy builder refuses a multi-file COPY into "." before running anything.
      expect(failure).toMatchObject({ cause: "dockerfile", step: { instruction: "COPY package* .", dockerfileLine: 5 } });
      expect(failure?.message).toBe("When using COPY with more than one source file, the destination must be a directory and end with a /");
    } else if (!result.ok) {
      // Everything up to prisma's engine download works; that download needs a host we cannot reach.
      expect(failure).toMatchObject({ cause: "environment", step: { instruction: "RUN npx prisma generate", dockerfileLine: 9 } });
      expect(result.parsed.steps.filter((s) => s.dockerfileLine !== null && s.dockerfileLine < 9).every((s) => s.status !== "failed")).toBe(true);
    }
    expect(result.dockerfile.notes.map((note) => [note.line, note.code])).toEqual([[16, "JSON_FORM_INVALID"]]);
  });
});
