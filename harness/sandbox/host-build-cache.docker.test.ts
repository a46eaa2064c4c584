import { randomUUID } from "node:crypto";
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { ensureEngine } from "../outer-engine/ensure-engine.js";
import type { EngineConnection } from "../outer-engine/engine-connection.js";
import type { ScenarioReport } from "../model/report-types.js";
import { loadPlans } from "../scenario/load-scenarios.js";
import { PROBE_REF } from "../runner/prepare-environment.js";
import { runScenario } from "../runner/run-scenario.js";
import type { ScenarioPlan } from "../scenario/plan.js";
import { defaultLessonsDir, defaultScenariosDir, repoRoot } from "../support/paths.js";
import { explain } from "../vitest/provided-environment.js";
import { BuildCacheApi, type CacheRecord } from "./host-build-cache-api.js";
import { HostBuildCache, pruneOrder } from "./host-build-cache.js";
import { HostImageLedger } from "./host-build-cache-images.js";
import { HostSandbox, type HostSandboxOptions } from "./host-sandbox.js";
import type { SandboxProvider } from "./sandbox-provider.js";

// Issue 17: on the engine itself, L1-L3 build the same Dockerfile; the cache one scenario (or run) left made the
// next one's first build "all cached". Only L1-L3: the engine is shared with other work on this machine. The first
// prepared engine's image is the terminal: modern (docker 28 CLI) builds with BuildKit, legacy (20.10) with the
// classic builder, whose cache is step images; DOCKPROOF_ENGINES=legacy runs the same tests on that one.
const LAYERS = ["l1-layers-from-history.yaml", "l2-shared-layers.yaml", "l3-immutable-cache.yaml"];
const TEST_LABEL = "org.dockproof.test=hostcache";
const salt = randomUUID().slice(0, 8);

let engine: EngineConnection;
let api: BuildCacheApi;
let plans: ScenarioPlan[];
let workdir: string;
let canary: CacheRecord[] = [];
const canaryTag = `hostcache-canary:${salt}`;

/**
 * The fixture project with a file of this test's own: the engine may hold the user's cache of the fixture itself
 * (other runs here built it), which makes a first build cached and the verdict unverified, not the dind run's pass.
 * With the salt, whatever the lessons find from before the runs is only below `COPY . .`.
 */
async function saltedPlans(): Promise<ScenarioPlan[]> {
  workdir = await mkdtemp(path.join(tmpdir(), "dockproof-hostcache-"));
  await cp(path.join(repoRoot, "fixtures/backend"), workdir, { recursive: true });
  await writeFile(path.join(workdir, "hostcache-salt.txt"), `${salt}\n`);
  const loaded = await loadPlans(
    LAYERS.map((file) => path.join(defaultScenariosDir, "layers", file)),
    { lessonsDir: defaultLessonsDir() },
  );
  expect(loaded.problems).toEqual([]);
  return loaded.plans.map((plan) => ({ ...plan, workdir }));
}

function hostSandboxes(options: HostSandboxOptions): SandboxProvider {
  const provided = inject("dockproof");
  const seeds = new Map(provided.seeds.map((seed) => [seed.ref, seed]));
  const terminal = provided.engines[0]?.dindImage ?? "";
  return {
    start: (request) => {
      const wanted = [...new Set([...request.images, PROBE_REF])].map((ref) => seeds.get(ref));
      if (wanted.some((seed) => seed === undefined)) throw new Error(`no prepared image among ${[...seeds.keys()].join(", ")}`);
      return new HostSandbox(engine, terminal, options).start(
        wanted.filter((seed) => seed !== undefined),
        request.workdir,
      );
    },
  };
}

/** One `dockproof run` of L1-L3 (or the first `count` of them) with isolation host: the scenarios one after the other. */
async function runLayers(options: HostSandboxOptions, count = plans.length): Promise<ScenarioReport[]> {
  const reports: ScenarioReport[] = [];
  for (const plan of plans.slice(0, count))
    reports.push(await runScenario(plan, { sandboxes: hostSandboxes(options), engine: "host", probeRef: PROBE_REF }));
  return reports;
}

const verdicts = (reports: readonly ScenarioReport[]) => reports.map((report) => `${report.name.split(" ")[0]}: ${report.status}`);

beforeAll(async () => {
  engine = await ensureEngine({ stateDir: path.join(repoRoot, ".dockproof") });
  api = new BuildCacheApi(engine.docker);
  plans = await saltedPlans();
  // The user's own cache: a BuildKit build of a Dockerfile nobody else has, made before the runs.
  const probe = inject("dockproof").seeds.find((seed) => seed.ref === PROBE_REF)?.localRef ?? PROBE_REF;
  const context = await mkdtemp(path.join(tmpdir(), "dockproof-hostcache-canary-"));
  await writeFile(path.join(context, "Dockerfile"), `FROM ${probe}\nRUN echo hostcache-canary-${salt} > /canary\n`);
  const before = new Set((await api.list()).map((record) => record.id));
  // The machine's docker CLI has no buildx: the engine image's CLI builds it, as a lesson's build does in the terminal.
  const cli = inject("dockproof").engines[0]?.dindImage ?? "";
  const socket = ["-v", "/var/run/docker.sock:/var/run/docker.sock", "-v", `${context}:${context}`];
  const build = ["docker", "build", "--label", TEST_LABEL, "-t", canaryTag, context];
  await engine.docker.run(["run", "--rm", "--label", TEST_LABEL, ...socket, "--entrypoint", "env", cli, "DOCKER_BUILDKIT=1", ...build], {
    what: "building the canary image",
    timeoutMs: 120_000,
  });
  canary = (await api.list()).filter((record) => !before.has(record.id));
  expect(canary.map((record) => record.description).join("\n")).toContain(`hostcache-canary-${salt}`);
  await rm(context, { recursive: true, force: true });
});

afterAll(async () => {
  await engine.docker.query(["rmi", canaryTag], { what: "removing the canary image", timeoutMs: 60_000 });
  const listed = new Set((await api.list()).map((record) => record.id));
  for (const record of pruneOrder(canary.filter((entry) => listed.has(entry.id)))) await api.prune(record.id);
  if (workdir) await rm(workdir, { recursive: true, force: true });
});

describe("isolation host and the engine's build cache (issue 17)", () => {
  test("two consecutive runs of L1-L3 give the dind run's verdicts, and the cache from before the runs stays", async () => {
    const first = await runLayers({});
    expect(verdicts(first), first.map(explain).join("\n")).toEqual(["L1: passed", "L2: passed", "L3: passed"]);
    const second = await runLayers({});
    expect(verdicts(second), second.map(explain).join("\n")).toEqual(["L1: passed", "L2: passed", "L3: passed"]);
    const listed = new Set((await api.list()).map((record) => record.id));
    expect(canary.filter((record) => !listed.has(record.id))).toEqual([]);
    const image = await engine.docker.query(["image", "inspect", canaryTag], { what: "the canary", timeoutMs: 30_000 });
    expect(image.exitCode).toBe(0);
  });

  test("the twin: with the scenarios' cache left behind, the second run is not green, and says the cache is why", async () => {
    // The twin leaves what the sandboxes would have removed; this test removes it afterwards, and only it.
    const ours = await HostBuildCache.open(api);
    const images = await HostImageLedger.open(engine.docker);
    try {
      // L1 alone, twice: its first build is the one the left cache decides (L2 and L3 after it added 25 s a run and
      // nothing the assertions read).
      await runLayers({ keepBuildCache: true }, 1);
      const second = await runLayers({ keepBuildCache: true }, 1);
      expect(verdicts(second)).not.toEqual(["L1: passed"]);
      const l1 = second[0];
      expect(l1?.status, l1 && explain(l1)).toBe("unverified");
      const finding = l1?.findings.find((entry) => entry.kind === "unverified");
      expect(finding?.text).toMatch(
        /expected at least one step to run again, found all cached; but the engine's build cache held entries from before this scenario/,
      );
    } finally {
      await images.restore();
      await ours.removeCreated();
    }
  });
});
