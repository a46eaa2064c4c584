/**
 * Suite benchmark (prints numbers; asserts nothing): the whole lesson suite through dockproof, against the same
 * lesson commands as plain sequential shell scripts in one sandbox of the same engine (captures become shell
 * variables, background steps `&`; checks and waits have no plain-shell equivalent and are left out, so the ratio is
 * the price of sandboxes, checks and evidence). All in one run, since this machine is shared and noisy:
 * 1. a bare `docker run -d` of the dind image answering `_ping` against a dockproof sandbox start;
 * 2. `dockproof run` (what users run, default settings), per scenario and summed: sandbox wait, images, steps and
 *    the rest (teardown, workdir copy, engine facts), each scenario's ratio to its plain script; then the plain scripts;
 * 3. prestart on and off: --prestart 2 and --prestart 0 alternating (2, 0, 2, 0);
 * 4. how the wall time grows: the suite at --concurrency 1, 2 and 4, and twice over at 2 (in-process runSuite).
 *   npm run bench:suite [-- paths…] [--no-scaling]
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { execa } from "execa";
import { selectEngines } from "../harness/images/engines.js";
import type { RunReport } from "../harness/model/report-types.js";
import { loadPlans } from "../harness/scenario/load-scenarios.js";
import { prepareEnvironment } from "../harness/runner/prepare-environment.js";
import { runSuite } from "../harness/runner/run-suite.js";
import type { ScenarioPlan } from "../harness/scenario/plan.js";
import { defaultLessonsDir, repoRoot } from "../harness/support/paths.js";
import { runPlainScripts } from "./plain-scripts.js";
import { compareStarts } from "./start-compare.js";
import { printPhases } from "./suite-phases.js";

const args = process.argv.slice(2);
const paths = args.filter((arg) => !arg.startsWith("-"));
const { plans, problems } = await loadPlans(paths.length ? paths : [join(repoRoot, "scenarios")], { lessonsDir: defaultLessonsDir() });
if (problems.length) throw new Error(problems.join("\n"));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const environment = await prepareEnvironment({
  repoRoot,
  imageMode: "auto",
  isolation: "dind",
  engines: selectEngines(),
  refs: plans.flatMap((plan) => plan.images),
});
const dindImage = environment.engines[0]?.dindImage ?? "";
await compareStarts(environment.engine, dindImage, 3);

/** `dockproof run` as a user runs it; its --json report gives the phases. */
async function cliRun(extra: string[]): Promise<{ ms: number; report: RunReport }> {
  const reportFile = join(repoRoot, ".dockproof", "bench-suite.json");
  const started = performance.now();
  const run = await execa("node", ["bin/dockproof.mjs", "run", "--json", reportFile, ...extra, ...(paths.length ? paths : ["scenarios"])], {
    cwd: repoRoot,
    reject: false,
    all: true,
    env: { CI: "true" },
  });
  const ms = performance.now() - started;
  console.log(`dockproof run ${extra.join(" ")}: ${seconds(ms)} wall, exit ${run.exitCode} (${run.stdout.trim().split("\n").at(-1)})`);
  return { ms, report: JSON.parse(await readFile(reportFile, "utf8")) as RunReport };
}

const main = await cliRun([]);
const plainByFile = await runPlainScripts(plans, environment, dindImage);
const plainMs = [...plainByFile.values()].reduce((sum, ms) => sum + ms, 0);
printPhases(main.report, plainByFile);
console.log(`plain sequential sh in one sandbox of the same engine (same commands, client and builder): ${seconds(plainMs)}`);
console.log(`ratio dockproof / plain: ${(main.ms / plainMs).toFixed(2)}x`);

// Alternating, so the machine's load falls on both alike; every run is printed.
const withPrestart: number[] = [];
const withoutPrestart: number[] = [];
for (let round = 0; round < 2; round++) {
  withPrestart.push((await cliRun(["--prestart", "2"])).ms);
  const unprestarted = await cliRun(["--prestart", "0"]);
  if (round === 0) printPhases(unprestarted.report, plainByFile);
  withoutPrestart.push(unprestarted.ms);
}
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
console.log(
  `prestart: --prestart 2 ${withPrestart.map(seconds).join(", ")}; --prestart 0 ${withoutPrestart.map(seconds).join(", ")}; means ${(mean(withPrestart) / mean(withoutPrestart)).toFixed(2)}x`,
);

if (!args.includes("--no-scaling")) {
  const rows: string[] = [];
  for (const [label, runPlans, concurrency] of [
    ["once, --concurrency 1", plans, 1],
    ["once, --concurrency 2", plans, 2],
    ["once, --concurrency 4", plans, 4],
    ["twice over, --concurrency 2", [...plans, ...plans], 2],
  ] as Array<[string, ScenarioPlan[], number]>) {
    const started = performance.now();
    const report = await runSuite(runPlans, { repoRoot, imageMode: "auto", isolation: "dind", engines: selectEngines(), concurrency });
    const counts = new Map<string, number>();
    for (const scenario of report.scenarios) counts.set(scenario.status, (counts.get(scenario.status) ?? 0) + 1);
    const verdicts = [...counts].map(([status, count]) => `${count} ${status}`).join(", ");
    rows.push(`  ${label.padEnd(30)} ${seconds(performance.now() - started).padStart(8)}  (${verdicts})`);
  }
  console.log(`suite wall time, in-process runSuite:\n${rows.join("\n")}`);
}
