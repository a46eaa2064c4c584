import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { findScenarioFiles, formatProblem, loadScenarioFile, loadScenarios, type LoadOptions } from "./index.js";
import { defaultLessonsDir } from "../support/paths.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const invalidDir = path.join(repoRoot, "fixtures/invalid");
const lessonsDir = defaultLessonsDir();
const options: LoadOptions = { lessonsDir, knownImages: ["dockproof/probe", "node:20", "mongo"] };
// file name → ["line:col substring-of-message", ...], in the order problems are reported;
// `<lessonsDir>` stands for the lessons directory, which differs between machines, and ` … `
// separates parts that must appear in this order (lists that grow, like the check kinds).
// An entry may instead be { lessons, problems }: loaded with that lessons directory (relative to
// fixtures/invalid), for lesson files that are themselves the bad input (symlinks, binaries).
type Entry = string[] | { lessons: string; problems: string[] };
const expected = JSON.parse(await readFile(path.join(invalidDir, "expected.json"), "utf8")) as Record<string, Entry>;
const entryOf = (name: string) => {
  const entry = expected[name] ?? [];
  return Array.isArray(entry)
    ? { options, problems: entry }
    : { options: { ...options, lessonsDir: path.join(invalidDir, entry.lessons) }, problems: entry.problems };
};
// What corpus lessons symlink to: none of it may appear in any problem.
const secretLines = (await readFile(path.join(invalidDir, "lessons/outside/secret.txt"), "utf8")).split("\n").filter(Boolean);
const fixtureFiles = (await readdir(invalidDir)).filter((name) => name.endsWith(".yaml")).sort();
const stackTrace = /^\s+at /m;

/** Loads a file and reports how long it took (timings are printed, not asserted). */
async function timedLoad(file: string) {
  const started = performance.now();
  const result = await loadScenarioFile(file, options);
  return { ...result, ms: performance.now() - started };
}

describe("fixtures/invalid", () => {
  it("has an expectation for every fixture and a fixture for every expectation", () => {
    expect(Object.keys(expected).sort()).toEqual(fixtureFiles);
    expect(fixtureFiles.length).toBeGreaterThanOrEqual(30);
  });

  it.each(fixtureFiles)("%s reports exactly the expected problems", async (name) => {
    const file = path.join("fixtures/invalid", name);
    const spec = entryOf(name);
    const { scenario, problems } = await loadScenarioFile(path.join(repoRoot, file), spec.options);
    expect(scenario).toBeUndefined();
    const found = problems.map((p) => `${p.line}:${p.col} ${p.message}`);
    const wanted = spec.problems;
    expect(found, found.join("\n")).toHaveLength(wanted.length);
    wanted.forEach((entry, i) => {
      const [, position, text = ""] = /^(\d+:\d+) (.*)$/s.exec(entry) ?? [];
      expect(found[i]?.startsWith(`${position} `), `problem ${i}: ${found[i]}`).toBe(true);
      let rest = found[i] ?? "";
      for (const part of text.replaceAll("<lessonsDir>", spec.options.lessonsDir).split(" … ")) {
        expect(rest, `problem ${i}: ${found[i]}`).toContain(part);
        rest = rest.slice(rest.indexOf(part) + part.length);
      }
    });
    for (const problem of problems) {
      expect(formatProblem({ ...problem, file })).toMatch(/^fixtures\/invalid\/[^:]+:\d+:\d+ \S/);
      expect(problem.message).not.toMatch(/[\r\n]/);
      for (const line of secretLines) expect(problem.message).not.toContain(line);
    }
  });

  it("rejects the alias bomb without expanding it", async () => {
    const { problems, ms } = await timedLoad(path.join(invalidDir, "alias-bomb.yaml"));
    console.log(`alias-bomb.yaml rejected in ${ms.toFixed(1)} ms`);
    expect(problems.map((p) => p.code)).toEqual(["E_YAML_ALIASES"]);
  });

  it("rejects a 10 MB file by its size, without parsing it", async () => {
    // Generated rather than committed: a scenario head, then a 10 MiB description.
    const dir = await mkdtemp(path.join(tmpdir(), "dockproof-10mb-"));
    try {
      const file = path.join(dir, "huge.yaml");
      const head = 'schemaVersion: 1\nname: huge\ndescription: "';
      const size = 10 * 1024 * 1024;
      await writeFile(file, `${head}${"lol ".repeat((size - head.length - 2) / 4)}"\n`);
      const { problems, ms } = await timedLoad(file);
      console.log(`10 MiB file rejected in ${ms.toFixed(1)} ms`);
      expect(problems.map((p) => `${p.line}:${p.col} ${p.code} ${p.message}`)).toEqual([
        `1:1 E_FILE_TOO_LARGE file is 10.0 MiB (${size} bytes), over the 1.0 MiB limit for scenario files`,
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("CLI: validate of the whole corpus exits 2 with only file:line:col problem lines", async () => {
    const result = await execa("node", ["bin/dockproof.mjs", "validate", "fixtures/invalid"], { cwd: repoRoot, reject: false, all: true });
    expect(result.exitCode, result.all).toBe(2);
    expect(result.stdout).toBe("");
    // Notes (a step needing a plugin an engine lacks) are said too, and are not problems.
    const lines = result.stderr.split("\n").filter((line) => line !== "" && !line.endsWith(" (note)"));
    const problems = lines.slice(0, -1);
    for (const line of problems) expect(line).toMatch(/^fixtures\/invalid\/[^:]+:\d+:\d+ /);
    expect(lines.at(-1)).toBe(`${problems.length} problems found; nothing was run.`);
    expect(result.all).not.toMatch(stackTrace);
    // Every fixture is named, in sorted order.
    expect([...new Set(problems.map((line) => line.slice("fixtures/invalid/".length, line.indexOf(":"))))]).toEqual(fixtureFiles);
  }, 60_000);
});

describe("loadScenarios", () => {
  it("recurses directories in sorted order, skips non-YAML files, and reports missing paths", async () => {
    const valid = path.join(repoRoot, "harness/scenario/__fixtures__");
    const validFile = path.join(valid, "valid.yaml");
    const { scenarios, problems } = await loadScenarios([valid, "fixtures/invalid", validFile, "no/such/path"], options);
    expect(scenarios.map((s) => s.file)).toEqual([validFile]);
    const files = [...new Set(problems.map((p) => p.file))];
    expect(files.slice(0, -1)).toEqual(fixtureFiles.map((name) => path.join("fixtures/invalid", name)));
    expect(problems.at(-1)).toMatchObject({ file: "no/such/path", line: 1, col: 1, code: "E_FILE_NOT_FOUND" });
  });

  it("finds *.yaml / *.yml files recursively, sorted, skipping scenario.schema.json", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "dockproof-find-"));
    await mkdir(path.join(dir, "networks"));
    for (const name of ["b.yml", "a.yaml", "networks/c.yaml", "scenario.schema.json", "notes.txt"]) await writeFile(path.join(dir, name), "");
    expect(await findScenarioFiles(dir)).toEqual(["a.yaml", "b.yml", "networks/c.yaml"].map((name) => path.join(dir, name)));
  });
});
