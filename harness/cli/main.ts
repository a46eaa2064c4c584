import { resolve } from "node:path";
import { DEFAULT_ENGINE, ENGINES, selectEngines } from "../images/engines.js";
import { ImageCatalog } from "../images/catalog.js";
import { coverageCommand } from "./coverage-command.js";
import { writeRunOutputs } from "./run-outputs.js";
import { scaffoldCommand } from "./scaffold-command.js";
import { fixScenarios } from "./fix-scenarios.js";
import { resultEngines, statusCommand } from "./status-command.js";
import { attachStamps, keepUnchanged } from "./status-command-changed.js";
import { loadPlans } from "../scenario/load-scenarios.js";
import { defaultBaselinePolicy } from "../scenario/record-baselines.js";
import { closingWords, nothingChanged, selectPlans } from "./status-command-run.js";
import { parseCliArgs, USAGE, type CliArgs } from "./parse-cli-args.js";
import { runSuite } from "../runner/run-suite.js";
import { Progress } from "../report/progress.js";
import { summarizeRun } from "../report/summarize-run.js";
import { readResults, type ResultsFile } from "../report/results-file.js";
import { compareResults, formatDrift } from "../report/drift.js";
import { InvalidInputError } from "../support/errors.js";
import { EXIT, runExitCode, stopExitCode, stopMessage } from "../report/exit-code.js";
import { defaultLessonsDir, defaultScenariosDir, repoRoot } from "../support/paths.js";
import { installSignalCleanup } from "../support/signal-cleanup.js";

export { EXIT } from "../report/exit-code.js";

/** `dockproof diff OLD NEW`: verdicts that changed, with the images that changed beside them. */
async function diff(args: CliArgs): Promise<number> {
  const [oldFile = "", newFile = ""] = args.paths;
  const [before, after] = [await readResults(oldFile), await readResults(newFile)];
  return printDrift(before, after, `${oldFile} -> ${newFile}`);
}

function printDrift(before: ResultsFile, after: ResultsFile, title: string): number {
  const drift = compareResults(before, after);
  process.stdout.write(
    `drift ${title}:\n${formatDrift(drift)
      .map((line) => `  ${line}\n`)
      .join("")}`,
  );
  return drift.regressed ? EXIT.failed : EXIT.passed;
}

/** `dockproof engines`: the engines a run can use, the default first. */
function listEngines(): number {
  for (const engine of ENGINES) {
    process.stdout.write(`${engine.name}${engine === DEFAULT_ENGINE ? " (default)" : ""}\t${engine.onlineRef}\t${engine.description}\n`);
  }
  return EXIT.passed;
}

/** `dockproof fix`: line numbers follow the lesson's edits; the lesson becomes the scenarios' new baseline. */
async function fix(paths: readonly string[], lessonsDir: string): Promise<number> {
  const result = await fixScenarios(paths, lessonsDir);
  if (result.problems.length > 0) {
    for (const problem of result.problems) process.stderr.write(`${problem}\n`);
    process.stderr.write(`${result.problems.length} problem${result.problems.length === 1 ? "" : "s"} found; nothing was written.\n`);
    return EXIT.invalid;
  }
  for (const change of result.changes) process.stdout.write(`${change}\n`);
  for (const file of result.baselines) process.stdout.write(`baseline ${file}\n`);
  process.stdout.write(
    `${result.changes.length} reference${result.changes.length === 1 ? "" : "s"} updated, ${result.baselines.length} baseline${result.baselines.length === 1 ? "" : "s"} written\n`,
  );
  return EXIT.passed;
}

/** `dockproof status`: the scenarios a lesson edit reaches, against the stamps of a results file. */
function status(args: CliArgs, paths: string[], lessonsDir: string): Promise<number> {
  const engines = resultEngines(args.isolation, selectEngines(args.engines ?? process.env.DOCKPROOF_ENGINES));
  return statusCommand({ paths, lessonsDir, baseline: args.baseline, json: args.json, engines });
}

async function run(args: CliArgs): Promise<number> {
  if (args.command === "diff") return diff(args);
  const paths = args.paths.length > 0 ? args.paths : [defaultScenariosDir];
  const lessonsDir = args.lessonsDir ? resolve(args.lessonsDir) : defaultLessonsDir();
  if (args.command === "fix") return fix(paths, lessonsDir);
  if (args.command === "engines") return listEngines();
  if (args.command === "scaffold") return scaffoldCommand({ lessonFile: args.paths[0] ?? "", lessonsDir, section: args.section, out: args.out });
  if (args.command === "coverage") return coverageCommand({ paths, lessonsDir, json: args.json, report: args.report, strict: args.strict });
  if (args.command === "status") return status(args, paths, lessonsDir);
  // Every file is validated before anything starts: one bad file means no container at all.
  // Each plan with its stamp: what its verdict is verified against, recorded in the results file.
  // Notes name the engines this command would run on (validate: every engine, as it runs nothing).
  const noteEngines = args.command === "run" ? selectEngines(args.engines ?? process.env.DOCKPROOF_ENGINES) : ENGINES;
  const { plans, stamps, problems, notes } = await loadPlans(paths, {
    lessonsDir,
    knownImages: ImageCatalog.refs,
    engines: noteEngines,
    baselines: defaultBaselinePolicy(),
  });
  // Lesson text that moved or changed was followed: said, never a reason to stop.
  for (const note of notes) process.stderr.write(`${note}\n`);
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
    for (const plan of plans)
      process.stdout.write(`${plan.file}\t${plan.name}\t${plan.lesson.file} "${plan.lesson.section}"${plan.knownIssue ? "\t(known issue)" : ""}\n`);
    return EXIT.passed;
  }
  if (plans.length === 0) throw new InvalidInputError("E_USAGE", `expected at least one scenario file in ${paths.join(", ")}, found none`);
  // An unreadable baseline or an unknown engine stops the run before any container, like an invalid scenario file.
  const baseline = args.baseline ? await readResults(args.baseline) : null;
  const engines = selectEngines(args.engines ?? process.env.DOCKPROOF_ENGINES);
  const selection = await selectPlans(args.changedSince, plans, stamps, resultEngines(args.isolation, engines));
  if (selection.changed && selection.plans.length === 0) {
    await nothingChanged(selection.changed, args.results);
    return EXIT.passed;
  }
  const progress = new Progress().start();
  installSignalCleanup();
  try {
    const report = await runSuite(selection.plans, {
      repoRoot,
      imageMode: args.images,
      isolation: args.isolation,
      engines,
      concurrency: args.concurrency,
      prestart: args.prestart,
      onEvent: progress.listener,
    });
    progress.stop();
    attachStamps(report, stamps);
    const { results: written, ledgers } = await writeRunOutputs(report, selection.plans, {
      json: args.json,
      results: args.results,
      summary: args.summary,
      html: args.html,
      junit: args.junit,
      lessonsDir,
    });
    const results = await keepUnchanged(written, selection.changed, args.results);
    // Drift first: the closing "N passed, N failed …" line stays the last line.
    const regressed = baseline ? printDrift(baseline, results, `${args.baseline} -> this run`) !== EXIT.passed : false;
    process.stdout.write(closingWords(summarizeRun(report, ledgers), selection.changed));
    // A machine fault is never a lesson verdict: it gets its own exit code, below any lesson failure.
    return runExitCode(report.scenarios, regressed);
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
    // Whatever stops dockproof outside a verdict (preparing the engine or images) is this machine's, or a bug: 3, never 1.
    process.stderr.write(stopMessage(error));
    return stopExitCode(error);
  }
}
