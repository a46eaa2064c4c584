/**
 * Where each scenario stands against a baseline results file: unchanged since its last pass (every engine it would
 * run on passed there, with the stamp it has now), changed since (and what), or not passed there at all.
 */
import { canonicalJson, type ScenarioStamp } from "../scenario/scenario-stamp.js";
import { compareStamps, type StampChange } from "../scenario/scenario-stamp-compare.js";
import type { ScenarioStatus } from "../model/report-types.js";
import { type ResultEntry, type ResultsFile, resultKey } from "../report/results-file.js";
import type { ScenarioPlan } from "../scenario/plan.js";

/**
 * The verdicts a later run may carry while nothing it was verified against changed: every verdict the exit code
 * passes. Unverified and skipped say what this machine could not check; with the same stamp they would say it again
 * (a full run, as a nightly's, tries again). A failure, an error of the machine and a claim to review run again.
 */
const HOLDS: ReadonlySet<ScenarioStatus> = new Set(["passed", "known-issue", "unverified", "skipped"]);

export type StatusReason =
  | StampChange
  /** The baseline has no passing verdict on this engine: `verdict` is what it has (null: nothing). */
  | { kind: "not-passed"; engine: string; verdict: ScenarioStatus | null }
  /** The baseline's verdict was recorded without a stamp (an older dockproof, or npm test): counted as changed. */
  | { kind: "no-stamp"; engine: string };

export type ScenarioState = "unchanged" | "changed" | "not-passed";

export interface ScenarioStatusEntry {
  file: string;
  name: string;
  state: ScenarioState;
  /** Empty exactly when unchanged. */
  reasons: StatusReason[];
  /** The baseline's entries for the engines this run would use, passing and unchanged ones included. */
  recorded: Array<{ engine: string; verdict: ScenarioStatus | null; carriedFrom: ResultEntry["carriedFrom"] | null }>;
}

/**
 * `engines` are the names results would carry for this run (`host` under isolation host): a scenario unchanged
 * since it passed on one engine has never been run on another.
 */
export function scenarioStatus(plan: ScenarioPlan, stamp: ScenarioStamp, baseline: ResultsFile, engines: readonly string[]): ScenarioStatusEntry {
  const reasons: StatusReason[] = [];
  const recorded: ScenarioStatusEntry["recorded"] = [];
  for (const engine of engines) {
    const entry = baseline.scenarios[resultKey(plan.file, engine)];
    recorded.push({ engine, verdict: entry?.verdict ?? null, carriedFrom: entry?.carriedFrom ?? null });
    if (!entry || !HOLDS.has(entry.verdict)) reasons.push({ kind: "not-passed", engine, verdict: entry?.verdict ?? null });
    else if (!entry.stamp) reasons.push({ kind: "no-stamp", engine });
    else reasons.push(...compareStamps(entry.stamp, stamp));
  }
  // The same lesson edit seen against each engine's stamp is one change.
  const unique = [...new Map(reasons.map((reason) => [canonicalJson(reason), reason])).values()];
  const state: ScenarioState = unique.length === 0 ? "unchanged" : unique.some((reason) => reason.kind === "not-passed") ? "not-passed" : "changed";
  return { file: plan.file, name: plan.name, state, reasons: unique, recorded };
}
