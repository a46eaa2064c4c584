/**
 * `dockproof run --changed-since FILE` around the ordinary run (main.ts): which plans run, what is said before and
 * after, and the results file that carries the unchanged scenarios on. Kept here so main.ts only calls in.
 */
import type { ScenarioStamp } from "../scenario/scenario-stamp.js";
import { RESULTS_VERSION, type ResultsFile, writeResults } from "../report/results-file.js";
import type { ScenarioPlan } from "../scenario/plan.js";
import { type ChangedSince, changedSince, selectionWords, unchangedWords, withUnchanged } from "./status-command-changed.js";

export interface RunSelection {
  plans: ScenarioPlan[];
  /** Null without --changed-since: every plan runs. */
  changed: ChangedSince | null;
}

/** Without --changed-since every plan runs; with it, only the changed or not-passed ones (said before anything starts). */
export async function selectPlans(
  file: string | null,
  plans: ScenarioPlan[],
  stamps: ReadonlyMap<string, ScenarioStamp>,
  engines: readonly string[],
): Promise<RunSelection> {
  if (file === null) return { plans, changed: null };
  const changed = await changedSince(file, plans, stamps, engines);
  process.stdout.write(selectionWords(changed));
  return { plans: changed.toRun, changed };
}

/** The closing count names what was not run, so an unchanged scenario is never read as passed. */
export function closingWords(summary: string, changed: ChangedSince | null): string {
  if (!changed) return summary;
  const lines = summary.replace(/\n+$/, "").split("\n");
  const closing = lines.pop() ?? "";
  const unchanged = `${changed.unchanged.length} unchanged since ${changed.baselineFile} (not run: counted neither as passed nor as failed)`;
  const listed = unchangedWords(changed).replace(/\n$/, "");
  return `${[...lines, ...(listed ? [listed] : []), `${closing}; ${unchanged}`].join("\n")}\n`;
}

/** Every scenario unchanged: nothing starts, and the results file carries them all on for the next comparison. */
export async function nothingChanged(changed: ChangedSince, resultsFile: string): Promise<void> {
  const empty: ResultsFile = { kind: "dockproof-results", version: RESULTS_VERSION, createdAt: new Date().toISOString(), images: {}, scenarios: {} };
  await writeResults(resultsFile, withUnchanged(empty, changed));
  process.stdout.write(
    `${unchangedWords(changed)}0 scenarios run; ${changed.unchanged.length} unchanged since ${changed.baselineFile} (not run: counted neither as passed nor as failed)\n`,
  );
}
