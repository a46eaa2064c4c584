/** Loads every scenario named by files or directories (searched recursively for *.yaml / *.yml). */
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import type { LessonCache } from "./lesson-checks.js";
import { loadScenarioFile, type LoadedScenario, type LoadOptions } from "./load-scenario.js";
import type { ScenarioStamp } from "../model/stamp.js";
import type { ScenarioPlan } from "./plan.js";
import type { EnginePlugins } from "./plugin-notes.js";
import { formatProblem, PROBLEM_CODES, type Problem } from "./problem.js";
import { type BaselinePolicy, recordMissingBaselines } from "./record-baselines.js";
import { stampOf } from "./scenario-stamp.js";

const SCENARIO_FILE = /\.ya?ml$/i;

/** Scenario files under `dir`, sorted so runs and reports are in a stable order. */
export async function findScenarioFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && SCENARIO_FILE.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Problems come in the order the paths were given, then file by file in sorted order. */
export async function loadScenarios(
  paths: readonly string[],
  options: LoadOptions,
): Promise<{ scenarios: LoadedScenario[]; problems: Problem[]; notes: Problem[] }> {
  const scenarios: LoadedScenario[] = [];
  const problems: Problem[] = [];
  const notes: Problem[] = [];
  const lessonCache: LessonCache = new Map();
  const seen = new Set<string>();
  const missing = (file: string, message: string) => problems.push({ file, line: 1, col: 1, code: PROBLEM_CODES.notFound, message });
  for (const given of paths) {
    const info = await stat(given).catch(() => undefined);
    if (!info) {
      missing(given, "expected a scenario file or directory, found nothing at this path");
      continue;
    }
    const files = info.isDirectory() ? await findScenarioFiles(given) : [given];
    if (files.length === 0) missing(given, "expected *.yaml or *.yml scenario files in this directory, found none");
    for (const file of files) {
      if (seen.has(path.resolve(file))) continue; // named twice (a file and its directory)
      seen.add(path.resolve(file));
      const result = await loadScenarioFile(file, options, lessonCache);
      problems.push(...result.problems);
      notes.push(...(result.notes ?? []));
      if (result.scenario) scenarios.push(result.scenario);
    }
  }
  return { scenarios, problems, notes };
}

export interface LoadedPlans {
  plans: ScenarioPlan[];
  /** Each plan's stamp (what its verdict is verified against), by plan file. */
  stamps: Map<string, ScenarioStamp>;
  /** `file:line:col message`, every problem of every file. */
  problems: string[];
  notes: string[];
}

/**
 * The one way to plans: every file is validated first (all problems, formatted `file:line:col message`), and only
 * when none has a problem are there plans, each with the stamp of the text it was planned from. `knownImages` (the
 * catalog's refs) adds a note for each image with no offline substitute; `engines` one for each CLI plugin a step needs
 * that an engine lacks.
 */
export async function loadPlans(
  paths: readonly string[],
  options: { lessonsDir: string; knownImages?: readonly string[]; baselines?: BaselinePolicy; engines?: readonly EnginePlugins[] },
): Promise<LoadedPlans> {
  const { scenarios, problems, notes } = await loadScenarios(paths, {
    lessonsDir: options.lessonsDir,
    knownImages: options.knownImages ?? null,
    baselines: options.baselines ?? "assume",
    engines: options.engines,
  });
  const loaded = problems.length > 0 ? [] : scenarios;
  const recorded = options.baselines === "record" ? await recordMissingBaselines(loaded) : [];
  return {
    plans: loaded.map((scenario) => scenario.plan),
    stamps: new Map(loaded.map((scenario) => [scenario.plan.file, stampOf(scenario)])),
    problems: problems.map(formatProblem),
    notes: [
      ...notes.map((note) => `${formatProblem(note)} (note)`),
      ...recorded.map(
        (file) =>
          `${path.relative(process.cwd(), file)}: recorded the lesson as it is now as this baseline: commit it, so the scenarios' claims stay bound to this text (note)`,
      ),
    ],
  };
}
