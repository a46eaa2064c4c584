import { writeFile, mkdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { parseCliArgs, USAGE, type CliArgs } from "./parse-cli-args.js";
import { loadPlans } from "../runner/load-plans.js";
import { runSuite } from "../runner/run-suite.js";
import { Progress } from "../report/progress.js";
import { summarizeRun } from "../report/summarize-run.js";
import { isDockproofError, InvalidInputError } from "../support/errors.js";
import { defaultLessonsDir, defaultScenariosDir, repoRoot } from "../support/paths.js";
import { installSignalCleanup } from "../support/signal-cleanup.js";

export const EXIT = { passed: 0, failed: 1, invalid: 2 } as const;

async function run(args: CliArgs): Promise<number> {
  const paths = args.paths.length > 0 ? args.paths : [defaultScenariosDir];
  const lessonsDir = args.lessonsDir ? resolve(args.lessonsDir) : defaultLessonsDir();
  // Every file is validated before anything starts: one bad file means no container at all.
  const { plans, problems } = await loadPlans(paths, { lessonsDir });
  if (problems.length > 0) {
    for (const problem of problems) process.stderr.write(`${problem}\n`);
    process.stderr.write(`${problems.length} problem${problems.length === 1 ? "" : "s"} found; nothing was run.\n`);
    return EXIT.invalid;
  }
  if (args.command === "validate") {
    process.stdout.write(`${plans.length} scenario file${plans.length === 1 ? "" : "s"} valid\n`);
    return EXIT.passed;
  }
  if (args.command === "list") {
    for (const plan of plans) process.stdout.write(`${plan.file}\t${plan.name}\t${plan.lesson.file} "${plan.lesson.section}"${plan.knownIssue ? "\t(known issue)" : ""}\n`);
    return EXIT.passed;
  }
  if (plans.length === 0) throw new InvalidInputError("E_USAGE", `expected at least one scenario file in ${paths.join(", ")}, found none`);
  const progress = new Progress().start();
  installSignalCleanup();
  try {
    const report = await runSuite(plans, { repoRoot, imageMode: args.images, isolation: args.isolation, concurrency: args.concurrency, onEvent: progress.listener });
    progress.stop();
    if (args.json) {
      await mkdir(dirname(resolve(args.json)), { recursive: true });
      await writeFile(args.json, `${JSON.stringify(report, null, 2)}\n`);
    }
    process.stdout.write(summarizeRun(report));
    return report.scenarios.some((scenario) => scenario.status === "failed") ? EXIT.failed : EXIT.passed;
  } finally {
    progress.stop();
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  try {
    const args = parseCliArgs(argv);
    if (args.command === "help") {
      process.stdout.write(`${USAGE}\n`);
      return EXIT.passed;
    }
    return await run(args);
  } catch (error) {
    if (error instanceof InvalidInputError) {
      process.stderr.write(`dockproof: ${error.message}\n${error.code === "E_USAGE" ? `${USAGE}\n` : ""}`);
      return EXIT.invalid;
    }
    const code = isDockproofError(error) ? ` [${error.code}]` : "";
    process.stderr.write(`dockproof: ${error instanceof Error ? error.message : String(error)}${code}\n`);
    if (error instanceof Error && error.cause) process.stderr.write(`  caused by: ${String((error.cause as Error).message ?? error.cause)}\n`);
    return EXIT.failed;
  }
}
