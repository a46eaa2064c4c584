/**
 * `dockproof status`: which scenarios a lesson edit reaches. Each scenario's stamp now (the lesson text it runs or
 * cites, its fixtures, its own content) is compared with the stamp its verdict was recorded with in a baseline
 * results file; `run --changed-since` runs only those that changed or did not pass there.
 */
import { existsSync } from "node:fs";
import { ImageCatalog } from "../images/catalog.js";
import type { DockerEngine } from "../images/engines.js";
import type { ScenarioStamp } from "../scenario/scenario-stamp.js";
import { DEFAULT_RESULTS, type ResultsFile, readResults, writeText } from "../report/results-file.js";
import type { Isolation } from "../runner/run-scenario.js";
import type { ScenarioPlan } from "../scenario/plan.js";
import { InvalidInputError } from "../support/errors.js";
import { loadPlans } from "../scenario/load-scenarios.js";
import { type ScenarioStatusEntry, scenarioStatus } from "./status-command-state.js";
import { entryLines, reasonWords } from "./status-command-words.js";

export const STATUS_VERSION = 1;

/** The engine names a run's results carry: the engines' own, or `host` when scenarios run on the engine itself. */
export const resultEngines = (isolation: Isolation, engines: readonly DockerEngine[]): string[] =>
  isolation === "host" ? ["host"] : engines.map((engine) => engine.name);

export interface Status {
  baselineFile: string;
  baseline: ResultsFile;
  entries: ScenarioStatusEntry[];
}

export function statusOf(
  plans: readonly ScenarioPlan[],
  stamps: ReadonlyMap<string, ScenarioStamp>,
  baselineFile: string,
  baseline: ResultsFile,
  engines: readonly string[],
): Status {
  const entries = plans.map((plan) => {
    const stamp = stamps.get(plan.file);
    if (!stamp) throw new Error(`internal: no stamp for ${plan.file}`);
    return scenarioStatus(plan, stamp, baseline, engines);
  });
  return { baselineFile, baseline, entries };
}

export function formatStatus(status: Status, plans: readonly ScenarioPlan[]): string {
  const when = status.baseline.createdAt ? ` (recorded ${status.baseline.createdAt})` : "";
  const lines = [`dockproof status against ${status.baselineFile}${when}:`];
  const workdirs = new Map(plans.map((plan) => [plan.file, plan.workdir]));
  for (const entry of status.entries) {
    if (entry.state === "unchanged") continue;
    lines.push(...entryLines(entry, { baselineFile: status.baselineFile, workdir: workdirs.get(entry.file) ?? null }).map((line) => `  ${line}`));
  }
  const count = (state: ScenarioStatusEntry["state"]) => status.entries.filter((entry) => entry.state === state).length;
  const due = status.entries.length - count("unchanged");
  lines.push(
    `${count("changed")} changed, ${count("not-passed")} not passed, ${count("unchanged")} unchanged since their last pass (${status.entries.length} scenarios)`,
  );
  if (due > 0) lines.push(`run ${due === 1 ? "it" : "them"}: dockproof run --changed-since ${status.baselineFile}`);
  return `${lines.join("\n")}\n`;
}

/** The baseline named, or the results file `dockproof run` writes by default; a missing default says what to pass. */
export async function readBaseline(file: string | null): Promise<{ file: string; results: ResultsFile }> {
  if (file === null && !existsSync(DEFAULT_RESULTS)) {
    throw new InvalidInputError(
      "E_USAGE",
      `status: expected a results file to compare with, --baseline FILE or ${DEFAULT_RESULTS} (what dockproof run writes), found no ${DEFAULT_RESULTS}`,
    );
  }
  const chosen = file ?? DEFAULT_RESULTS;
  return { file: chosen, results: await readResults(chosen) };
}

export async function statusCommand(args: {
  paths: string[];
  lessonsDir: string;
  baseline: string | null;
  json: string | null;
  engines: readonly string[];
}): Promise<number> {
  const { plans, stamps, problems, notes } = await loadPlans(args.paths, { lessonsDir: args.lessonsDir, knownImages: ImageCatalog.refs });
  for (const note of notes) process.stderr.write(`${note}\n`);
  if (problems.length > 0) {
    for (const problem of problems) process.stderr.write(`${problem}\n`);
    process.stderr.write(`${problems.length} problem${problems.length === 1 ? "" : "s"} found; no status without every scenario valid.\n`);
    return 2;
  }
  const baseline = await readBaseline(args.baseline);
  const status = statusOf(plans, stamps, baseline.file, baseline.results, args.engines);
  process.stdout.write(formatStatus(status, plans));
  if (args.json) await writeText(args.json, `${JSON.stringify(statusJson(status, plans), null, 2)}\n`);
  return 0;
}

function statusJson(status: Status, plans: readonly ScenarioPlan[]) {
  const workdirs = new Map(plans.map((plan) => [plan.file, plan.workdir]));
  return {
    kind: "dockproof-status",
    version: STATUS_VERSION,
    baseline: { file: status.baselineFile, createdAt: status.baseline.createdAt },
    scenarios: status.entries.map((entry) => ({
      ...entry,
      reasons: entry.reasons.map((reason) => ({
        ...reason,
        words: reasonWords(reason, { baselineFile: status.baselineFile, workdir: workdirs.get(entry.file) ?? null }),
      })),
    })),
  };
}
