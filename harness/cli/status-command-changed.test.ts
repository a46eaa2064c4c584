import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ScenarioStamp } from "../scenario/scenario-stamp.js";
import { parseResults, type ResultsFile, readResults, toResults, writeResults } from "../report/results-file.js";
import type { ScenarioPlan } from "../scenario/plan.js";
import { defaultLessonsDir, defaultScenariosDir, repoRoot } from "../support/paths.js";
import { changedSince, withUnchanged } from "./status-command-changed.js";
import { loadPlans } from "../scenario/load-scenarios.js";
import { closingWords } from "./status-command-run.js";

// `run --changed-since` without Docker: which plans it would run, what it says, and the results it carries on.
const LESSON = "docker-layers-volumes-networks.txt";
const V2 = "scenarios/volumes/v2-with-volume.yaml";

let tmp = "";
let baseline = "";
let plans: ScenarioPlan[] = [];
let stamps = new Map<string, ScenarioStamp>();
let passed: ResultsFile;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "dockproof-changed-since-"));
  ({ plans, stamps } = await loadPlans([defaultScenariosDir], { lessonsDir: defaultLessonsDir() }));
  const scenarios = plans.map((plan) => ({
    file: plan.file,
    name: plan.name,
    status: "passed" as const,
    images: plan.images,
    engine: { name: "modern" },
    stamp: stamps.get(plan.file) ?? null,
  }));
  passed = toResults({ images: [{ ref: "mongo", id: "sha256:aaa", digest: null, substitute: true }], scenarios });
  baseline = path.join(tmp, "baseline.json");
  await writeResults(baseline, passed);
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

async function editedStamps(line: number, from: string, to: string): Promise<Map<string, ScenarioStamp>> {
  const lessons = await mkdtemp(path.join(tmp, "lessons-"));
  const lines = (await readFile(path.join(defaultLessonsDir(), LESSON), "utf8")).split("\n");
  lines[line - 1] = (lines[line - 1] ?? "").replace(from, to);
  await writeFile(path.join(lessons, LESSON), lines.join("\n"));
  return (await loadPlans([defaultScenariosDir], { lessonsDir: lessons })).stamps;
}

describe("run --changed-since", () => {
  it("stamps survive the results file: written, read back equal", async () => {
    const read = await readResults(baseline);
    expect(read.scenarios[`${V2}@modern`]?.stamp).toEqual(stamps.get(V2));
    expect(read.scenarios[`${V2}@modern`]?.stamp?.lesson.spans.map((span) => span.lines[0])).toContain(95);
  });

  it("reads a results file from before stamps, and a stamp of the wrong shape is an error naming where", () => {
    const old = { ...passed, scenarios: { [`${V2}@modern`]: { verdict: "passed", name: "V2", images: [], file: V2, engine: "modern" } } };
    expect(parseResults(JSON.stringify(old), "old.json").scenarios[`${V2}@modern`]?.stamp).toBeUndefined();
    const broken = { ...old, scenarios: { [`${V2}@modern`]: { ...old.scenarios[`${V2}@modern`], stamp: { version: 1 } } } };
    expect(() => parseResults(JSON.stringify(broken), "broken.json")).toThrow(/^broken\.json: expected scenarios\["[^"]+"\]\.stamp\.hash/);
  });

  it("with line 95 edited runs V2 alone; the twelve others are unchanged", async () => {
    const now = await editedStamps(95, "/data/db", "/data");
    const selection = await changedSince(baseline, plans, now, ["modern"]);
    expect(selection.toRun.map((plan) => plan.file)).toEqual([V2]);
    expect(selection.unchanged).toHaveLength(12);
  });

  it("with nothing edited runs none (the twin); on an engine the baseline never ran, runs all", async () => {
    expect((await changedSince(baseline, plans, stamps, ["modern"])).toRun).toEqual([]);
    const legacy = await changedSince(baseline, plans, stamps, ["legacy"]);
    expect(legacy.toRun).toHaveLength(13);
    expect(legacy.entries[0]?.reasons).toEqual([{ kind: "not-passed", engine: "legacy", verdict: null }]);
  });

  it("a verdict this machine gave for what it could not check is carried like a pass; a failure, an error or a review runs again", async () => {
    const file = path.join(tmp, "mixed.json");
    const key = `${V2}@modern`;
    for (const [verdict, runs] of [
      ["unverified", false],
      ["skipped", false],
      ["known-issue", false],
      ["failed", true],
      ["error", true],
      ["review", true],
    ] as const) {
      const entry = { ...passed.scenarios[key], verdict } as ResultsFile["scenarios"][string];
      await writeResults(file, { ...passed, scenarios: { ...passed.scenarios, [key]: entry } });
      const selection = await changedSince(file, plans, stamps, ["modern"]);
      expect([verdict, selection.toRun.map((plan) => plan.file)]).toEqual([verdict, runs ? [V2] : []]);
    }
  });

  it("the closing line says what was not run, counted neither way; the unchanged entries are carried on, marked", async () => {
    const now = await editedStamps(95, "/data/db", "/data");
    const selection = await changedSince(baseline, plans, now, ["modern"]);
    const closing = closingWords("\ndockproof results\n  failed V2\n0 passed, 1 failed, 0 known issues in 1s\n", selection);
    const lines = closing.trimEnd().split("\n");
    expect(lines.at(-1)).toBe(
      `0 passed, 1 failed, 0 known issues in 1s; 12 unchanged since ${baseline} (not run: counted neither as passed nor as failed)`,
    );
    expect(lines.filter((line) => line.startsWith("  unchanged "))).toHaveLength(12);
    expect(closing).not.toMatch(/unchanged +V2/);
    const run = toResults({ images: [], scenarios: [{ file: V2, name: "V2", status: "failed", images: ["mongo"], engine: { name: "modern" } }] });
    const carried = withUnchanged(run, selection);
    expect(Object.keys(carried.scenarios)).toHaveLength(13);
    expect(carried.scenarios[`${V2}@modern`]?.verdict).toBe("failed");
    expect(carried.scenarios[`${V2}@modern`]?.carriedFrom).toBeUndefined();
    const l1 = carried.scenarios["scenarios/layers/l1-layers-from-history.yaml@modern"];
    expect(l1?.carriedFrom).toEqual({ file: baseline, createdAt: passed.createdAt });
    expect(l1?.stamp).toEqual(stamps.get("scenarios/layers/l1-layers-from-history.yaml"));
  });

  it("through the CLI, nothing changed: nothing starts, exit 0, the results file carries every scenario", async () => {
    const results = path.join(tmp, "results.json");
    const result = await execa(
      "node",
      ["bin/dockproof.mjs", "run", "--changed-since", baseline, "--results", results, "--engines", "modern", "--images", "offline"],
      { cwd: repoRoot, reject: false, all: true, env: { DOCKER_HOST: "tcp://127.0.0.1:1" } },
    );
    expect(result.exitCode, result.all).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(
      `--changed-since ${baseline}: running 0 of 13 scenarios (changed or not passed there); 13 unchanged since their last pass, not run`,
    );
    expect(lines.at(-1)).toBe(`0 scenarios run; 13 unchanged since ${baseline} (not run: counted neither as passed nor as failed)`);
    const written = await readResults(results);
    expect(Object.values(written.scenarios).map((entry) => entry.carriedFrom?.file)).toEqual(Array(13).fill(baseline));
  }, 60_000);
});
