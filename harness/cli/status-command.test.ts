import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { type ResultsFile, toResults, writeResults } from "../report/results-file.js";
import { defaultLessonsDir, defaultScenariosDir, repoRoot } from "../support/paths.js";
import { loadPlans } from "../scenario/load-scenarios.js";

// The real CLI on the repository's scenarios and a copy of the seed lesson, against a results file in which every
// scenario passed with the stamp it has on the lesson as it is.
const LESSON = "docker-layers-volumes-networks.txt";
const dockproof = (...args: string[]) =>
  execa("node", ["bin/dockproof.mjs", ...args, "--engines", "modern"], { cwd: repoRoot, reject: false, all: true });

let tmp = "";
let baseline = "";
let seed: string[] = [];
let passed: ResultsFile;

/**
 * Which scenario files name lesson line `line` as one they run, cite, quote, waive, hold as a lesson file or raise a
 * known issue about, read from the YAML as written (the seed lesson is the one they were fixed against, so their
 * numbers are its lines): the list `status` must give when that line is edited.
 */
async function scenariosNaming(line: number): Promise<string[]> {
  const files = (await readdir(defaultScenariosDir, { recursive: true })).filter((file) => file.endsWith(".yaml")).sort();
  const naming: string[] = [];
  for (const file of files) {
    const doc = parse(await readFile(path.join(defaultScenariosDir, file), "utf8"));
    const lines: number[] = [doc.knownIssue?.line, ...(doc.waives ?? []).map((waiver: { line: number }) => waiver.line)];
    for (const held of doc.lessonFiles ?? []) for (let at = held.lines[0]; at <= held.lines[1]; at++) lines.push(at);
    for (const step of doc.steps) lines.push(...[step.cites ?? []].flat(), step.quotes, step.run?.lesson);
    if (lines.includes(line)) naming.push(path.relative(repoRoot, path.join(defaultScenariosDir, file)));
  }
  return naming;
}

async function lessonsWith(line: number, text: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmp, "lessons-"));
  const lines = [...seed];
  lines[line - 1] = text;
  await writeFile(path.join(dir, LESSON), lines.join("\n"));
  return dir;
}

/** The scenario files `status` lists, from its "changed" / "not passed" head lines. */
const listed = (stdout: string): string[] =>
  stdout
    .split("\n")
    .map((line) => /^ {2}(?:changed|not passed) +.* \((scenarios\/\S+\.yaml)\)$/.exec(line)?.[1])
    .filter((file): file is string => file !== undefined)
    .sort();

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "dockproof-status-"));
  seed = (await readFile(path.join(defaultLessonsDir(), LESSON), "utf8")).split("\n");
  const { plans, stamps, problems, notes } = await loadPlans([defaultScenariosDir], { lessonsDir: defaultLessonsDir() });
  expect([...problems, ...notes]).toEqual([]);
  const scenarios = plans.map((plan) => ({
    file: path.relative(repoRoot, path.resolve(plan.file)),
    name: plan.name,
    status: "passed" as const,
    images: plan.images,
    engine: { name: "modern" },
    stamp: stamps.get(plan.file) ?? null,
  }));
  passed = toResults({ images: [], scenarios });
  baseline = path.join(tmp, "baseline.json");
  await writeResults(baseline, passed);
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe("dockproof status", () => {
  it("one edited line that only N2 runs (the network misspelt in 139): N2 alone, with the line, was and now", async () => {
    const expected = await scenariosNaming(139);
    expect(expected).toEqual(["scenarios/networks/n2-custom-network.yaml"]);
    const lessons = await lessonsWith(139, (seed[138] ?? "").replace("my_custom_network", "my_custom_netwrok"));
    const result = await dockproof("status", "--lessons", lessons, "--baseline", baseline);
    expect(result.exitCode, result.all).toBe(0);
    expect(listed(result.stdout)).toEqual(expected);
    expect(result.stdout).toMatch(/^ {14}lesson line 139 changed: was "[^"]*my_custom_network[^"]*", now "[^"]*my_custom_netwrok[^"]*"$/m);
    expect(result.stdout).toContain("1 changed, 0 not passed, 12 unchanged since their last pass (13 scenarios)");
    expect(result.stdout).toContain(`run it: dockproof run --changed-since ${baseline}`);
  }, 60_000);

  it("one edited line that seven scenarios run (the build of line 127): exactly those seven", async () => {
    const expected = await scenariosNaming(127);
    expect(expected).toHaveLength(7);
    const lessons = await lessonsWith(127, "docker build -t image_tag2 .");
    const result = await dockproof("status", "--lessons", lessons, "--baseline", baseline);
    expect(result.exitCode, result.all).toBe(0);
    expect(listed(result.stdout)).toEqual(expected);
  }, 60_000);

  it("one edited prose line that no scenario runs or cites (the twin): nothing listed", async () => {
    expect(seed[124]).toBe("2. Build the image");
    expect(await scenariosNaming(125)).toEqual([]);
    const lessons = await lessonsWith(125, "2. Build the image (again)");
    const result = await dockproof("status", "--lessons", lessons, "--baseline", baseline);
    expect(result.exitCode, result.all).toBe(0);
    expect(listed(result.stdout)).toEqual([]);
    expect(result.stdout).toContain("0 changed, 0 not passed, 13 unchanged since their last pass (13 scenarios)");
    expect(result.stdout).not.toContain("--changed-since");
  }, 60_000);

  it("a baseline without stamps (an older dockproof, npm test) and one that failed: every scenario listed, saying why", async () => {
    const scenarios = Object.fromEntries(Object.entries(passed.scenarios).map(([key, { stamp: _stamp, ...entry }]) => [key, entry]));
    const v2 = "scenarios/volumes/v2-with-volume.yaml@modern";
    const old = { ...passed, scenarios: { ...scenarios, [v2]: { ...scenarios[v2], verdict: "failed" } } };
    const file = path.join(tmp, "old.json");
    await writeFile(file, JSON.stringify(old));
    const json = path.join(tmp, "status.json");
    const result = await dockproof("status", "--lessons", defaultLessonsDir(), "--baseline", file, "--json", json);
    expect(result.exitCode, result.all).toBe(0);
    expect(listed(result.stdout)).toHaveLength(13);
    expect(result.stdout).toContain("recorded on modern without a stamp (by npm test or an older dockproof): counted as changed");
    expect(result.stdout).toContain(`failed on modern in ${file}, not passed`);
    expect(result.stdout).toContain("12 changed, 1 not passed, 0 unchanged since their last pass (13 scenarios)");
    const written = JSON.parse(await readFile(json, "utf8"));
    expect(written.kind).toBe("dockproof-status");
    expect(written.scenarios.find((entry: { file: string }) => entry.file === "scenarios/volumes/v2-with-volume.yaml")?.state).toBe("not-passed");
  }, 60_000);

  it("no --baseline and no results file where run writes one: exit 2 saying what to pass", async () => {
    const empty = await mkdtemp(path.join(tmp, "cwd-"));
    await cp(path.join(repoRoot, "package.json"), path.join(empty, "package.json"));
    const result = await execa("node", [path.join(repoRoot, "bin/dockproof.mjs"), "status", defaultScenariosDir], {
      cwd: empty,
      reject: false,
      all: true,
    });
    expect(result.exitCode, result.all).toBe(2);
    expect(result.stderr).toContain("status: expected a results file to compare with, --baseline FILE or reports/results.json");
  }, 60_000);
});
