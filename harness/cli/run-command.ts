/**
 * `dockproof run`: the one command that reaches Docker. main.ts loads this module only for `run`, so the other
 * commands never load the runner, the sandboxes or the Docker clients (testcontainers, dockerode, mongodb).
 */
import { selectEngines } from "../images/engines.js";
import { Progress } from "../report/progress.js";
import { readResults } from "../report/results-file.js";
import { summarizeRun } from "../report/summarize-run.js";
import { runSuite } from "../runner/run-suite.js";
import { InvalidInputError } from "../support/errors.js";
import { repoRoot } from "../support/paths.js";
import { installSignalCleanup } from "../support/signal-cleanup.js";
import { printDrift } from "./diff-command.js";
import { EXIT, runExitCode } from "../report/exit-code.js";
import { loadOrReport } from "./load-command.js";
import type { CliArgs } from "./parse-cli-args.js";
import { writeRunOutputs } from "./run-outputs.js";
import { attachStamps, keepUnchanged } from "./status-command-changed.js";
import { closingWords, nothingChanged, selectPlans } from "./status-command-run.js";
import { resultEngines } from "./status-command.js";

export async function runCommand(args: CliArgs, paths: readonly string[], lessonsDir: string): Promise<number> {
  // An unknown engine stops the run before any container, like an invalid scenario file.
  const engines = selectEngines(args.engines ?? process.env.DOCKPROOF_ENGINES);
  const loaded = await loadOrReport(paths, lessonsDir, engines);
  if (!loaded) return EXIT.invalid;
  const { plans, stamps } = loaded;
  if (plans.length === 0) throw new InvalidInputError("E_USAGE", `expected at least one scenario file in ${paths.join(", ")}, found none`);
  // So does an unreadable baseline.
  const baseline = args.baseline ? await readResults(args.baseline) : null;
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
