/**
 * Fast-feedback benchmark (prints numbers; asserts nothing; every run is printed, and medians beside them):
 *   npm run bench:fast [-- --cli] [--unit] [--suite] [--fresh] [--edit] [--runs N]   (no section named: --cli --unit)
 * --cli    each command's start against `node -e 1` (A B A B …: the ratio pair by pair), then how the TypeScript reaches
 *          Node: the bundle (bin/dockproof.mjs), tsx on load, both on Node 24, and Node 24's own type stripping.
 * --unit   `vitest run --project unit`: wall and CPU seconds, the closing line.
 * --suite  `npm test` once: wall, the closing line, seconds per project and the slowest files (vitest's json reporter).
 * --fresh  a fresh clone by phase: clone, npm ci (with the CLI build), the first CLI command, `npm run verify` (this
 *          machine's engine keeps its images, so the image builds of a machine that never ran dockproof are not in it).
 * --edit   edit-to-verdict: a copy of the seed lesson with one line of its "Volumes" section edited, then
 *          `dockproof run --changed-since BASELINE --lessons DIR` (what a lesson author runs), against the scenario's
 *          plain commands in one sandbox (bench/plain-scripts.ts), with and without that sandbox's start.
 * Node 24 comes from the npm registry's `node` package (scripts/node-from-npm.mjs, cached under .dockproof/).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { execa } from "execa";
import { selectEngines } from "../harness/images/engines.js";
import type { RunReport } from "../harness/model/report-types.js";
import { prepareEnvironment } from "../harness/runner/prepare-environment.js";
import { loadPlans } from "../harness/scenario/load-scenarios.js";
import { defaultLessonsDir, repoRoot } from "../harness/support/paths.js";
import { runPlainScripts } from "./plain-scripts.js";

const { values } = parseArgs({
  options: {
    cli: { type: "boolean", default: false },
    unit: { type: "boolean", default: false },
    suite: { type: "boolean", default: false },
    fresh: { type: "boolean", default: false },
    edit: { type: "boolean", default: false },
    runs: { type: "string", default: "5" },
  },
});
if (!values.cli && !values.unit && !values.suite && !values.fresh && !values.edit) [values.cli, values.unit] = [true, true];
const RUNS = Number(values.runs);
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const median = (list: number[]) => {
  const sorted = [...list].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};
const GNU_TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;

console.log(
  `node ${process.version}, ${new Date().toISOString()}, load average ${(await readFile("/proc/loadavg", "utf8")).split(" ").slice(0, 3).join(" ")}`,
);

/** One process, timed from outside: wall ms and exit code. */
function timed(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): { ms: number; code: number | null } {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: "ignore", env });
  return { ms: performance.now() - started, code: result.status };
}

/** A and B in turn, RUNS times each after one warm-up pair; every run, the medians and the median of the pair ratios. */
function versus(label: string, a: [string, string[]], b: [string, string[]]): number {
  timed(...a);
  timed(...b);
  const [as, bs, ratios, codes] = [[] as number[], [] as number[], [] as number[], new Set<number | null>()];
  for (let run = 0; run < RUNS; run++) {
    const x = timed(...a);
    const y = timed(...b);
    as.push(x.ms);
    bs.push(y.ms);
    ratios.push(x.ms / y.ms);
    codes.add(x.code);
  }
  const runs = as.map((ms) => (ms / 1000).toFixed(3)).join(" ");
  console.log(
    `  ${label.padEnd(44)} median ${s(median(as)).padStart(7)}  vs ${s(median(bs))}  ratio ${median(ratios).toFixed(1).padStart(5)}x  exit ${[...codes].join(",")}  runs: ${runs}`,
  );
  return median(as);
}

if (values.cli) {
  const lessons = defaultLessonsDir();
  const node = process.execPath;
  const bare: [string, string[]] = [node, ["-e", "1"]];
  const COMMANDS: Array<[string, string[]]> = [
    ["--help", ["--help"]],
    ["validate scenarios", ["validate", "scenarios", "--lessons", lessons]],
    ["list", ["list", "scenarios", "--lessons", lessons]],
    ["coverage", ["coverage", "scenarios", "--lessons", lessons]],
    ["status", ["status", "scenarios", "--lessons", lessons, "--baseline", "fixtures/reports/results-after.json", "--engines", "modern"]],
    ["scaffold", ["scaffold", "docker-layers-volumes-networks.txt", "--section", "Volumes ->", "--lessons", lessons]],
    ["engines", ["engines"]],
  ];
  console.log(`\nCLI start, node bin/dockproof.mjs COMMAND against node -e 1 (${RUNS} runs each, alternating):`);
  for (const [name, args] of COMMANDS) versus(name, [node, ["bin/dockproof.mjs", ...args]], bare);

  const node24 = execFileSync(node, ["scripts/node-from-npm.mjs", "24"], { cwd: repoRoot, encoding: "utf8" }).trim();
  const bare24: [string, string[]] = [node24, ["-e", "1"]];
  const strip = ["--disable-warning=ExperimentalWarning", "--experimental-transform-types", "--import", "./bench/strip-types-hooks.mjs"];
  console.log(
    `\nHow the TypeScript reaches Node (Node 20 ${process.version}, Node 24 ${execFileSync(node24, ["--version"], { encoding: "utf8" }).trim()}):`,
  );
  for (const [name, args] of COMMANDS.slice(0, 2)) {
    versus(`${name}: bundle, Node 20`, [node, ["bin/dockproof.mjs", ...args]], bare);
    versus(`${name}: tsx on load, Node 20`, [node, ["bench/cli-from-source.mjs", ...args]], bare);
    versus(`${name}: bundle, Node 24`, [node24, ["bin/dockproof.mjs", ...args]], bare24);
    versus(`${name}: tsx on load, Node 24`, [node24, ["bench/cli-from-source.mjs", ...args]], bare24);
    versus(`${name}: type stripping, Node 24`, [node24, [...strip, "bench/cli-strip-types.mjs", ...args]], bare24);
  }
  const build = timed(node, ["-e", 'import("./scripts/cli-build.mjs").then((m) => m.buildCli())']);
  console.log(`  one CLI build (esbuild, after a source edit; bin does it on its own): ${s(build.ms)}`);
}

/** A command under GNU time when there is one: wall, CPU (user + sys of it and its children) and the last line. */
async function measured(command: string, args: string[], env: Record<string, string> = {}) {
  const timeFile = join(await mkdtemp(join(tmpdir(), "bench-fast-")), "time");
  const [file, argv] = GNU_TIME ? [GNU_TIME, ["-f", "%U %S", "-o", timeFile, command, ...args]] : [command, args];
  const started = performance.now();
  const result = await execa(file, argv, { cwd: repoRoot, reject: false, all: true, env });
  const ms = performance.now() - started;
  const cpu = GNU_TIME ? (await readFile(timeFile, "utf8")).trim().split("\n").at(-1)?.split(" ").map(Number) : null;
  const closing =
    (result.all ?? "")
      .split("\n")
      .filter((line) => /^\d+ passed, \d+ failed/.test(line.trim()))
      .at(-1) ?? "(no closing line)";
  return { ms, cpu: cpu ? (cpu[0] ?? 0) + (cpu[1] ?? 0) : null, closing, exitCode: result.exitCode, all: result.all ?? "" };
}

if (values.unit) {
  console.log("\nUnit tests, npx vitest run --project unit:");
  for (let run = 0; run < Math.min(RUNS, 3); run++) {
    const result = await measured("npx", ["vitest", "run", "--project", "unit"]);
    console.log(`  run ${run + 1}: ${s(result.ms)} wall, ${result.cpu?.toFixed(1) ?? "?"} s CPU, exit ${result.exitCode}: ${result.closing}`);
  }
}

interface VitestJson {
  testResults: Array<{ name: string; startTime: number; endTime: number; assertionResults: Array<{ status: string }> }>;
  numTotalTests: number;
}

if (values.suite) {
  console.log("\nThe whole suite, npm test (once):");
  const json = join(await mkdtemp(join(tmpdir(), "bench-fast-")), "suite.json");
  const reporters = ["default", "./harness/vitest/lesson-summary-reporter.ts", "./harness/vitest/closing-line-reporter.ts"];
  const result = await measured("npm", ["test", "--", ...reporters.map((r) => `--reporter=${r}`), "--reporter=json", `--outputFile.json=${json}`]);
  console.log(`  ${s(result.ms)} wall, ${result.cpu?.toFixed(1) ?? "?"} s CPU, exit ${result.exitCode}: ${result.closing}`);
  if (existsSync(json)) {
    const report = JSON.parse(await readFile(json, "utf8")) as VitestJson;
    const files = report.testResults.map((file) => ({
      file: file.name.replace(`${repoRoot}/`, ""),
      ms: file.endTime - file.startTime,
      tests: file.assertionResults.length,
      docker: !/harness\/.*(?<!\.docker|\.browser)\.test\.ts$|fixtures\/[^/]+\/.+(?<!\.docker)\.test\.ts$/.test(
        file.name.replace(`${repoRoot}/`, ""),
      ),
    }));
    const sum = (list: typeof files) => list.reduce((total, file) => total + file.ms, 0);
    const docker = files.filter((file) => file.docker);
    console.log(
      `  docker project: ${docker.length} files, ${s(sum(docker))} summed; unit: ${files.length - docker.length} files, ${s(sum(files) - sum(docker))} summed`,
    );
    for (const file of [...docker].sort((a, b) => b.ms - a.ms).slice(0, 25))
      console.log(`    ${s(file.ms).padStart(9)}  ${file.tests} tests  ${file.file}`);
  }
}

if (values.fresh) {
  console.log("\nA fresh clone, by phase (this engine's images and templates stay: no image builds):");
  const folder = await mkdtemp(join(tmpdir(), "bench-fresh-"));
  const clone = join(folder, "checkout");
  const phase = async (label: string, command: string, args: string[], cwd: string, env: Record<string, string> = {}) => {
    const started = performance.now();
    const result = await execa(command, args, { cwd, reject: false, all: true, env });
    console.log(`  ${label.padEnd(40)} ${s(performance.now() - started).padStart(9)}  exit ${result.exitCode}`);
    return result;
  };
  await phase("git clone", "git", ["clone", "-q", repoRoot, clone], folder);
  await phase("npm ci (and the CLI build, prepare)", "npm", ["ci", "--no-audit", "--no-fund"], clone);
  await phase("first command (dockproof --help)", "node", ["bin/dockproof.mjs", "--help"], clone);
  const verify = await phase("npm run verify", "npm", ["run", "verify"], clone, { DOCKPROOF_LESSONS: defaultLessonsDir(), CI: "true" });
  console.log(`    ${(verify.all ?? "").split("\n").at(-1)}`);
  await rm(folder, { recursive: true, force: true });
}

if (values.edit) {
  const LESSON = "docker-layers-volumes-networks.txt";
  const seed = (await readFile(join(defaultLessonsDir(), LESSON), "utf8")).split("\n");
  const at = seed.indexOf("docker run -p 27017:27017 -d mongo");
  const lessons = await mkdtemp(join(tmpdir(), "bench-edit-lessons-"));
  await copyFile(join(defaultLessonsDir(), LESSON), join(lessons, LESSON));
  // The baseline is the bench's own: the whole seed suite on the unedited copy (not timed), as main's results would be.
  // reports/results.json is whatever ran last here (a docker test file writes one of its own), so never that.
  const baseline = join(lessons, "baseline.json");
  console.log(
    `\nEdit-to-verdict: line ${at + 1} of the Volumes section reordered (-d before -p), run --changed-since a baseline of the whole suite:`,
  );
  const first = await execa("node", ["bin/dockproof.mjs", "run", "scenarios", "--lessons", lessons, "--results", baseline], {
    cwd: repoRoot,
    reject: false,
    all: true,
  });
  console.log(`  baseline (not timed): ${(first.all ?? "").split("\n").at(-1)}`);
  const edited = [...seed];
  edited[at] = "docker run -d -p 27017:27017 mongo";
  await writeFile(join(lessons, LESSON), edited.join("\n"));
  const { plans, problems } = await loadPlans([join(repoRoot, "scenarios")], { lessonsDir: lessons });
  if (problems.length) throw new Error(problems.join("\n"));
  const reached = plans.filter((plan) => plan.steps.some((step) => step.kind === "run" && step.lessonLine === at + 1));
  const environment = await prepareEnvironment({
    repoRoot,
    imageMode: "auto",
    isolation: "dind",
    engines: selectEngines(),
    refs: reached.flatMap((plan) => plan.images),
  });
  const dindImage = environment.engines[0]?.dindImage ?? "";
  const results = join(lessons, "results.json");
  const [edits, plains, plainsWithStart] = [[] as number[], [] as number[], [] as number[]];
  for (let run = 0; run < Math.min(RUNS, 3); run++) {
    const started = performance.now();
    const result = await execa("node", ["bin/dockproof.mjs", "run", "--changed-since", baseline, "--lessons", lessons, "--results", results], {
      cwd: repoRoot,
      reject: false,
      all: true,
      env: { CI: "true" },
    });
    edits.push(performance.now() - started);
    const closing = (result.all ?? "").split("\n").at(-1);
    const plainStarted = performance.now();
    const plain = await runPlainScripts(reached, environment, dindImage);
    plainsWithStart.push(performance.now() - plainStarted);
    plains.push([...plain.values()].reduce((sum, ms) => sum + ms, 0));
    console.log(
      `  run ${run + 1}: dockproof ${s(edits[run] ?? 0)} (exit ${result.exitCode}: ${closing}); plain commands ${s(plains[run] ?? 0)}, with the sandbox's start and stop ${s(plainsWithStart[run] ?? 0)}`,
    );
  }
  console.log(
    `  scenarios reached: ${reached.map((plan) => plan.file).join(", ")}; medians: dockproof ${s(median(edits))}, plain ${s(median(plains))} (${(median(edits) / median(plains)).toFixed(2)}x), plain with start ${s(median(plainsWithStart))} (${(median(edits) / median(plainsWithStart)).toFixed(2)}x)`,
  );
  // --changed-since also runs what did not pass in the baseline (here: what this machine skips or cannot verify), by
  // design. The edited scenario alone, named on the command line, with where its time went (the --json report):
  const direct: number[] = [];
  for (let run = 0; run < Math.min(RUNS, 3); run++) {
    const json = join(lessons, "direct.json");
    const started = performance.now();
    const files = reached.map((plan) => plan.file);
    const result = await execa("node", ["bin/dockproof.mjs", "run", ...files, "--lessons", lessons, "--results", results, "--json", json], {
      cwd: repoRoot,
      reject: false,
      all: true,
      env: { CI: "true" },
    });
    direct.push(performance.now() - started);
    const report = JSON.parse(await readFile(json, "utf8")) as RunReport;
    const phases = report.scenarios.map((scenario) => {
      const steps = scenario.steps.reduce((sum, step) => sum + step.durationMs, 0);
      return `${scenario.name.split(" ")[0]} ${scenario.status}: sandbox ready ${s(scenario.sandbox?.readyMs ?? 0)}, images ${s(scenario.sandbox?.seedMs ?? 0)}, steps ${s(steps)}, scenario ${s(scenario.durationMs)}`;
    });
    console.log(
      `  direct run ${run + 1}: dockproof run ${files.join(" ")} ${s(direct[run] ?? 0)} (exit ${result.exitCode}); suite ${s(report.durationMs)}; ${phases.join("; ")}`,
    );
  }
  console.log(
    `  the edited scenario alone: median ${s(median(direct))}, ${(median(direct) / median(plains)).toFixed(2)}x the plain commands, ${(median(direct) / median(plainsWithStart)).toFixed(2)}x with the sandbox's start and stop`,
  );
  await rm(lessons, { recursive: true, force: true });
}
