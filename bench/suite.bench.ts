/**
 * Suite benchmark (prints numbers; asserts nothing): the whole lesson suite through dockproof, against the same
 * lesson commands as one plain sequential bash script on one Docker-in-Docker daemon of the same engine
 * (captures become shell variables, background steps `&`; checks and waits have no plain-shell equivalent and
 * are left out, so the ratio is the price of sandboxes, checks and evidence).
 *   npm run bench:suite [-- paths…]
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { selectEngines } from "../harness/images/engines.js";
import { execa } from "execa";
import { loadPlans } from "../harness/runner/load-plans.js";
import { prepareEnvironment } from "../harness/runner/prepare-environment.js";
import { DindSandbox } from "../harness/sandbox/dind-sandbox.js";
import { WorkdirCopy } from "../harness/runner/workdir-copy.js";
import type { ScenarioPlan } from "../harness/runner/scenario-plan.js";
import { defaultLessonsDir, repoRoot } from "../harness/support/paths.js";

const paths = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
const { plans, problems } = await loadPlans(paths.length ? paths : [join(repoRoot, "scenarios")], { lessonsDir: defaultLessonsDir() });
if (problems.length) throw new Error(problems.join("\n"));

let started = performance.now();
const run = await execa("node", ["bin/dockproof.mjs", "run", ...(paths.length ? paths : ["scenarios"])], {
  cwd: repoRoot,
  reject: false,
  all: true,
  env: { CI: "true" },
});
const suiteMs = performance.now() - started;
console.log(`dockproof run: ${(suiteMs / 1000).toFixed(1)} s wall, exit ${run.exitCode} (${run.stdout.trim().split("\n").at(-1)})`);

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

const environment = await prepareEnvironment({
  repoRoot,
  imageMode: "auto",
  isolation: "dind",
  engines: selectEngines(),
  refs: plans.flatMap((plan) => plan.images),
});
await using sandbox = await new DindSandbox(environment.engines[0]?.dindImage ?? "", environment.engine)
  .withPublishedPorts(plans.flatMap((plan) => plan.publishedPorts))
  .withSeedImages([...environment.seeds.values()])
  .start();
const reset =
  "docker rm -f $(docker ps -aq) >/dev/null 2>&1; docker volume prune -f >/dev/null 2>&1; docker network prune -f >/dev/null 2>&1; kill $(jobs -p) 2>/dev/null; true";
let plainMs = 0;
for (const plan of plans) {
  await using workdir = plan.workdir ? await WorkdirCopy.create(plan.workdir) : await WorkdirCopy.empty();
  const file = join(repoRoot, ".dockproof", `bench-${plan.name.slice(0, 2)}.sh`);
  await writeFile(file, `set -u\n${script(plan)}\n${reset}\n`);
  started = performance.now();
  await execa("bash", [file], { cwd: workdir.path, env: { ...process.env, ...sandbox.cliEnv }, reject: false });
  const ms = performance.now() - started;
  plainMs += ms;
  console.log(`  plain bash ${plan.file}: ${(ms / 1000).toFixed(1)} s`);
}
console.log(`plain sequential bash (same commands, one daemon): ${(plainMs / 1000).toFixed(1)} s`);
console.log(`ratio dockproof / plain: ${(suiteMs / plainMs).toFixed(2)}x`);
