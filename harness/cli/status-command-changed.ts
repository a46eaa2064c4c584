/**
 * `dockproof run --changed-since FILE`: only the scenarios whose stamp changed since their last pass in FILE, or that
 * did not pass there, run. The others are reported "unchanged since FILE": neither passed nor failed by this run.
 * Their recorded entries are carried into the new results file, marked as carried, so the next `status` (and
 * `run --changed-since`) against it still knows what they were verified against.
 */
import type { ScenarioStamp } from "../scenario/scenario-stamp.js";
import type { RunReport } from "../model/report-types.js";
import { type ResultsFile, resultKey, writeResults } from "../report/results-file.js";
import type { ScenarioPlan } from "../scenario/plan.js";
import { readBaseline, type Status, statusOf } from "./status-command.js";
import type { ScenarioStatusEntry } from "./status-command-state.js";

export interface ChangedSince extends Status {
  toRun: ScenarioPlan[];
  unchanged: ScenarioStatusEntry[];
}

export async function changedSince(
  file: string,
  plans: readonly ScenarioPlan[],
  stamps: ReadonlyMap<string, ScenarioStamp>,
  engines: readonly string[],
): Promise<ChangedSince> {
  const baseline = await readBaseline(file);
  const status = statusOf(plans, stamps, baseline.file, baseline.results, engines);
  const due = new Set(status.entries.filter((entry) => entry.state !== "unchanged").map((entry) => entry.file));
  return { ...status, toRun: plans.filter((plan) => due.has(plan.file)), unchanged: status.entries.filter((entry) => entry.state === "unchanged") };
}

/** Said before anything starts. */
export function selectionWords(selection: ChangedSince): string {
  const total = selection.entries.length;
  return `--changed-since ${selection.baselineFile}: running ${selection.toRun.length} of ${total} scenarios (changed or not passed there); ${selection.unchanged.length} unchanged since their last pass, not run\n`;
}

/** Said before the closing count: what was not run, and that it counts neither way. */
export function unchangedWords(selection: ChangedSince): string {
  if (selection.unchanged.length === 0) return "";
  const lines = [`unchanged since ${selection.baselineFile} (not run; counted neither as passed nor as failed):`];
  for (const entry of selection.unchanged) {
    const verdicts = entry.recorded.map((record) => `${record.verdict} on ${record.engine}`).join(", ");
    lines.push(`  unchanged   ${entry.name} (${entry.file}; ${verdicts} there)`);
  }
  return `${lines.join("\n")}\n`;
}

/** Each scenario's report carries the stamp its run was planned from (the results writer records it). */
export function attachStamps(report: RunReport, stamps: ReadonlyMap<string, ScenarioStamp>): RunReport {
  for (const scenario of report.scenarios) scenario.stamp = stamps.get(scenario.file) ?? null;
  return report;
}

/** The run's results with the unchanged scenarios' recorded entries (and the images they name) carried over. */
export function withUnchanged(results: ResultsFile, selection: ChangedSince): ResultsFile {
  const scenarios = { ...results.scenarios };
  const images = { ...results.images };
  const from = { file: selection.baselineFile, createdAt: selection.baseline.createdAt };
  for (const entry of selection.unchanged) {
    for (const { engine } of entry.recorded) {
      const key = resultKey(entry.file, engine);
      const recorded = selection.baseline.scenarios[key];
      if (!recorded || scenarios[key]) continue;
      // Carried twice, it still names the run that verified it.
      scenarios[key] = { ...recorded, carriedFrom: recorded.carriedFrom ?? from };
      for (const ref of recorded.images) {
        const image = selection.baseline.images[ref];
        if (image && !images[ref]) images[ref] = image;
      }
    }
  }
  const sorted = Object.fromEntries(Object.entries(scenarios).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { ...results, images, scenarios: sorted };
}

/** Rewrites the results file the run just wrote with the unchanged scenarios carried into it. */
export async function keepUnchanged(results: ResultsFile, selection: ChangedSince | null, file: string): Promise<ResultsFile> {
  if (!selection || selection.unchanged.length === 0) return results;
  const kept = withUnchanged(results, selection);
  await writeResults(file, kept);
  return kept;
}
