import { cp, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { writeLessonFiles } from "../harness/runner/lesson-files.js";
import type { PreparedEnvironment } from "../harness/runner/prepare-environment.js";
import type { ScenarioPlan } from "../harness/scenario/plan.js";
import { WorkdirCopy } from "../harness/runner/workdir-copy.js";
import { DindSandbox } from "../harness/sandbox/dind-sandbox.js";
import { templateFor } from "../harness/sandbox/template-store.js";

const quote = (arg: string) => `'${arg.replaceAll("'", "'\\''")}'`;
/** A scenario's run steps as POSIX sh: `${name}` stays a shell variable, captures assign it. */
function script(plan: ScenarioPlan): string {
  const lines = plan.steps.flatMap((step) => {
    if (step.kind !== "run" || step.command === null) return [];
    const words = step.command.tokens.map((token) =>
      token.map((part) => ("literal" in part ? quote(part.literal) : `"\${${part.variable}}"`)).join(""),
    );
    const command = words.join(" ");
    if (step.spec.background) return [`${command} >/dev/null 2>&1 &`, 'background="$background $!"', "sleep 1"];
    return [step.spec.capture ? `${step.spec.capture}=$(${command})` : `${command} >/dev/null 2>&1 || true`];
  });
  return ["set -u", 'background=""', ...lines, "kill $background 2>/dev/null; true"].join("\n");
}

/**
 * Like for like: the plain scripts run where dockproof runs a lesson's commands, in a learner's terminal inside one
 * sandbox of the default engine (its own docker CLI and builder), one after the other, each in a fresh copy of its
 * working folder with the lesson's files written; between two scenarios the daemon is emptied of what the previous
 * one made (containers, volumes, networks, images it built, build cache), outside the timing.
 */
export async function runPlainScripts(
  plans: readonly ScenarioPlan[],
  environment: PreparedEnvironment,
  dindImage: string,
): Promise<Map<string, number>> {
  const seeds = [...environment.seeds.values()];
  const plainHome = await mkdtemp(join(tmpdir(), "dockproof-bench-home-"));
  const plainByFile = new Map<string, number>();
  {
    await using sandbox = await new DindSandbox(dindImage, environment.engine)
      .withPublishedPorts(plans.flatMap((plan) => plan.publishedPorts))
      .withSeedImages(seeds)
      .withLearnerHome(plainHome, null)
      .withTemplate(await templateFor(environment.engine, dindImage, seeds, console.log))
      .start();
    const seeded = new Set(seeds.map((seed) => seed.id));
    for (const plan of plans) {
      const name = plan.workdir ? basename(plan.workdir) : "work";
      const folder = join(plainHome, name);
      await rm(folder, { recursive: true, force: true });
      if (plan.workdir) {
        await using copy = await WorkdirCopy.create(plan.workdir);
        await cp(copy.path, folder, { recursive: true, verbatimSymlinks: true });
      } else await mkdir(folder);
      await writeLessonFiles(plan, folder);
      sandbox.useFolder(name);
      const started = performance.now();
      const result = await sandbox.terminal.run({ script: script(plan) }, { timeoutMs: plan.timeoutMs });
      const ms = performance.now() - started;
      if (result.exitCode !== 0) console.log(`  plain ${plan.name}: exit ${result.exitCode}`);
      plainByFile.set(plan.file, ms);
      // Empty the daemon for the next script, as each dockproof scenario gets a fresh one (not timed).
      const docker = (args: string[]) =>
        sandbox.docker.query(args, { what: `emptying the daemon: docker ${args.slice(0, 2).join(" ")}`, timeoutMs: 300_000 });
      const containers = (await docker(["ps", "-aq"])).stdout.split("\n").filter(Boolean);
      if (containers.length) await docker(["rm", "-f", "-v", ...containers]);
      await docker(["volume", "prune", "-af"]);
      await docker(["network", "prune", "-f"]);
      const images = (await docker(["images", "-q", "--no-trunc"])).stdout.split("\n").filter((id) => id && !seeded.has(id));
      if (images.length) await docker(["rmi", "-f", ...new Set(images)]);
      await docker(["builder", "prune", "-af"]);
    }
  }
  await rm(plainHome, { recursive: true, force: true });
  return plainByFile;
}
