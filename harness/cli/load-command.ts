import { ImageCatalog } from "../images/catalog.js";
import type { EnginePlugins } from "../scenario/plugin-notes.js";
import { ENGINES } from "../images/engines.js";
import { EXIT } from "../report/exit-code.js";
import type { ScenarioPlan } from "../scenario/plan.js";
import type { ScenarioStamp } from "../scenario/scenario-stamp.js";
import { loadPlans } from "../scenario/load-scenarios.js";
import { defaultBaselinePolicy } from "../scenario/record-baselines.js";

export interface LoadedPlans {
  plans: ScenarioPlan[];
  stamps: ReadonlyMap<string, ScenarioStamp>;
}

/**
 * Every file is validated before anything starts: one bad file means no container at all. Each plan with its stamp:
 * what its verdict is verified against, recorded in the results file. Null (problems printed) when any file is bad.
 */
export async function loadOrReport(
  paths: readonly string[],
  lessonsDir: string,
  /** The engines the command would run on, for the notes on plugins they lack (validate: every engine). */
  engines: readonly EnginePlugins[] = ENGINES,
): Promise<LoadedPlans | null> {
  const { plans, stamps, problems, notes } = await loadPlans([...paths], {
    lessonsDir,
    knownImages: ImageCatalog.refs,
    engines,
    baselines: defaultBaselinePolicy(),
  });
  // Lesson text that moved or changed was followed: said, never a reason to stop.
  for (const note of notes) process.stderr.write(`${note}\n`);
  if (problems.length > 0) {
    for (const problem of problems) process.stderr.write(`${problem}\n`);
    process.stderr.write(`${problems.length} problem${problems.length === 1 ? "" : "s"} found; nothing was run.\n`);
    return null;
  }
  return { plans, stamps };
}

/** `dockproof validate` and `dockproof list`: load only (problems, notes; the scenarios and their steps). */
export async function loadCommand(command: "validate" | "list", paths: readonly string[], lessonsDir: string): Promise<number> {
  const loaded = await loadOrReport(paths, lessonsDir);
  if (!loaded) return EXIT.invalid;
  const { plans } = loaded;
  if (command === "validate") {
    process.stdout.write(`${plans.length} scenario file${plans.length === 1 ? "" : "s"} valid\n`);
    return EXIT.passed;
  }
  for (const plan of plans)
    process.stdout.write(`${plan.file}\t${plan.name}\t${plan.lesson.file} "${plan.lesson.section}"${plan.knownIssue ? "\t(known issue)" : ""}\n`);
  return EXIT.passed;
}
