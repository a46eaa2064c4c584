/**
 * Suite benchmark (prints numbers; asserts nothing): the whole lesson suite through dockproof, against the same
 * lesson commands as one plain sequential bash script on one Docker-in-Docker daemon of the same engine
 * (captures become shell variables, background steps `&`; checks and waits have no plain-shell equivalent and
 * are left out, so the ratio is the price of sandboxes, checks and evidence).
 * Prints, from the run's own --json report, per scenario and summed: sandbox start, images, steps and the rest
 * (teardown, workdir copy, engine facts), each scenario's ratio to its plain script, and first a side-by-side of a
 * bare `docker run -d` of the dind image answering `docker info` against a dockproof sandbox start.
 *   npm run bench:suite [-- paths…]
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { selectEngines } from "../harness/images/engines.js";
import { execa } from "execa";
import { loadPlans } from "../harness/runner/load-plans.js";
import { prepareEnvironment } from "../harness/runner/prepare-environment.js";
import { DindSandbox } from "../harness/sandbox/dind-sandbox.js";
import { templateFor } from "../harness/sandbox/template-store.js";
import type { RunReport } from "../harness/report/report-types.js";
import { compareStarts } from "./start-compare.js";
import { WorkdirCopy } from "../harness/runner/workdir-copy.js";
import type { ScenarioPlan } from "../harness/runner/scenario-plan.js";
import { defaultLessonsDir, repoRoot } from "../harness/support/paths.js";

const paths = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
const { plans, problems } = await loadPlans(paths.length ? paths : [join(repoRoot, "scenarios")], { lessonsDir: defaultLessonsDir() });
if (problems.length) throw new Error(problems.join("\n"));

const environment = await prepareEnvironment({
  repoRoot,
  imageMode: "auto",
  isolation: "dind",
  engines: selectEngines(),
  refs: plans.flatMap((plan) => plan.images),
});
const dindImage = environment.engines[0]?.dindImage ?? "";
await compareStarts(environment.engine, dindImage, 3);

const reportFile = join(repoRoot, ".dockproof", "bench-suite.json");
let started = performance.now();
const run = await execa("node", ["bin/dockproof.mjs", "run", "--json", reportFile, ...(paths.length ? paths : ["scenarios"])], {
  cwd: repoRoot,
  reject: false,
  all: true,
  env: { CI: "true" },
});
const suiteMs = performance.now() - started;
console.log(`dockproof run: ${(suiteMs / 1000).toFixed(1)} s wall, exit ${run.exitCode} (${run.stdout.trim().split("\n").at(-1)})`);
const report = JSON.parse(await readFile(reportFile, "utf8")) as RunReport;

const quote = (arg: string) => `'${arg.replaceAll("'", "'\\''")}'`;
/** A scenario's run steps as bash: `${name}` stays a shell variable, captures assign it. */
function script(plan: ScenarioPlan): string {
  const lines = plan.steps.flatMap((step) => {
    if (step.kind !== "run" || step.command === null) return [];
    const words = step.command.tokens.map((token) =>
      token.map((part) => ("literal" in part ? quote(part.literal) : `"\${${part.variable}}"`)).join(""),
    );
    const command = words.join(" ");
    if (step.background) return [`${command} >/dev/null 2>&1 &`, "sleep 1"];
    return [step.capture ? `${step.capture}=$(${command})` : `${command} >/dev/null 2>&1 || true`];
  });
  return lines.join("\n");
}

const seeds = [...environment.seeds.values()];
await using sandbox = await new DindSandbox(dindImage, environment.engine)
  .withPublishedPorts(plans.flatMap((plan) => plan.publishedPorts))
  .withSeedImages(seeds)
  .withTemplate(await templateFor(environment.engine, dindImage, seeds, console.log))
  .start();
const reset =
  "docker rm -f $(docker ps -aq) >/dev/null 2>&1; docker volume prune -f >/dev/null 2>&1; docker network prune -f >/dev/null 2>&1; kill $(jobs -p) 2>/dev/null; true";
let plainMs = 0;
const plainByFile = new Map<string, number>();
for (const plan of plans) {
  await using workdir = plan.workdir ? await WorkdirCopy.create(plan.workdir) : await WorkdirCopy.empty();
  const file = join(repoRoot, ".dockproof", `bench-${plan.name.slice(0, 2)}.sh`);
  await writeFile(file, `set -u\n${script(plan)}\n${reset}\n`);
  started = performance.now();
  await execa("bash", [file], { cwd: workdir.path, env: { ...process.env, ...sandbox.cliEnv }, reject: false });
  const ms = performance.now() - started;
  plainMs += ms;
  plainByFile.set(plan.file, ms);
}
printPhases(report, plainByFile);
console.log(`plain sequential bash (same commands, one daemon): ${(plainMs / 1000).toFixed(1)} s`);
console.log(`ratio dockproof / plain: ${(suiteMs / plainMs).toFixed(2)}x`);

/** Per scenario and summed: where a scenario's time went, from the run's own report. */
function printPhases(runReport: RunReport, plain: ReadonlyMap<string, number>): void {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)}`.padStart(6);
  const sums = { start: 0, images: 0, steps: 0, rest: 0, total: 0 };
  const seeds: number[] = [];
  console.log(
    `  ${"scenario".padEnd(48)} ${"start".padStart(6)} ${"images".padStart(6)} ${"steps".padStart(6)} ${"rest".padStart(6)} ${"total".padStart(6)} ${"plain".padStart(6)}  ratio  seeding`,
  );
  for (const scenario of runReport.scenarios) {
    const start = scenario.sandbox?.readyMs ?? 0;
    const images = scenario.sandbox?.seedMs ?? 0;
    const steps = scenario.steps.reduce((sum, step) => sum + step.durationMs, 0);
    const rest = scenario.durationMs - start - images - steps;
    const plainMs = plain.get(scenario.file) ?? Number.NaN;
    sums.start += start;
    sums.images += images;
    sums.steps += steps;
    sums.rest += rest;
    sums.total += scenario.durationMs;
    seeds.push(images);
    const name = `${scenario.file.replace(/^.*scenarios\//, "")} [${scenario.engine?.name ?? "-"}]`.slice(0, 48).padEnd(48);
    console.log(
      `  ${name} ${s(start)} ${s(images)} ${s(steps)} ${s(rest)} ${s(scenario.durationMs)} ${s(plainMs)}  ${(scenario.durationMs / plainMs).toFixed(2).padStart(5)}  ${scenario.sandbox?.seeding ?? "-"} ${scenario.status}`,
    );
  }
  console.log(`  ${"sum (s)".padEnd(48)} ${s(sums.start)} ${s(sums.images)} ${s(sums.steps)} ${s(sums.rest)} ${s(sums.total)}`);
  const median = [...seeds].sort((a, b) => a - b)[Math.floor(seeds.length / 2)] ?? Number.NaN;
  console.log(`  images ready in a new sandbox: median ${(median / 1000).toFixed(2)} s over ${seeds.length} scenarios`);
}
