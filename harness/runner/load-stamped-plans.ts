/**
 * Plans with their stamps. loadPlans (runner/) gives plans only, and a stamp is made from the loaded scenario (its
 * line references resolved to the lesson as it is now), so this loads the same way and keeps both: the stamp
 * recorded with a verdict is the one of the text that run was planned from.
 */
import { ImageCatalog } from "../images/index.js";
import { type ScenarioStamp, stampOf } from "../scenario/scenario-stamp.js";
import { toPlan } from "./load-plans.js";
import type { ScenarioPlan } from "../scenario/scenario-plan.js";
import { formatProblem, loadScenarios } from "../scenario/index.js";

export interface StampedPlans {
  plans: ScenarioPlan[];
  /** By plan file. */
  stamps: Map<string, ScenarioStamp>;
  problems: string[];
  notes: string[];
}

/** Validates every file first, like loadPlans: with one problem anywhere, there are no plans and no stamps. */
export async function loadStampedPlans(paths: readonly string[], options: { lessonsDir: string }): Promise<StampedPlans> {
  const { scenarios, problems, notes } = await loadScenarios(paths, { lessonsDir: options.lessonsDir, knownImages: ImageCatalog.refs });
  const stamped = (problems.length > 0 ? [] : scenarios).map((loaded) => ({ plan: toPlan(loaded), stamp: stampOf(loaded) }));
  return {
    plans: stamped.map(({ plan }) => plan),
    stamps: new Map(stamped.map(({ plan, stamp }) => [plan.file, stamp])),
    problems: problems.map(formatProblem),
    notes: notes.map((note) => `${formatProblem(note)} (note)`),
  };
}
