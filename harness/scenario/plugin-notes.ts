/**
 * A scenario whose commands need a CLI plugin (`docker compose`) that an engine does not carry cannot run there: that
 * says nothing of the lesson, so the run skips it on that engine with the reason. Loading says so first, at the step
 * that needs it, for each engine the caller names: a note, never a problem (the scenario is right; the engine lacks a
 * tool).
 */
import { type CliPlugin, pluginMissing } from "../commands/cli-plugins.js";
import { PROBLEM_CODES, type PathProblem } from "./problem.js";
import type { StepFacts } from "./step-facts.js";

/** What an engine carries, as loading needs to know it (harness/images/engines/ declares it). */
export interface EnginePlugins {
  name: string;
  plugins: { online: readonly CliPlugin[]; offline: readonly CliPlugin[] };
}

/** When the engine lacks it: with any image (""), or only with its offline substitute (or only with the official one). */
function lacking(engine: EnginePlugins, plugin: CliPlugin): string | null {
  const offline = engine.plugins.offline.includes(plugin);
  const online = engine.plugins.online.includes(plugin);
  if (offline && online) return null;
  return !offline && !online ? "" : !offline ? " offline (its substitute image)" : " online (its official image)";
}

export function pluginNotes(steps: readonly StepFacts[], engines: readonly EnginePlugins[]): PathProblem[] {
  const noted = new Set<string>();
  return steps.flatMap((facts, index) =>
    facts.plugins.flatMap((plugin): PathProblem[] =>
      engines.flatMap((engine): PathProblem[] => {
        const when = lacking(engine, plugin);
        const key = `${engine.name}|${plugin}`;
        if (when === null || noted.has(key)) return [];
        noted.add(key);
        const message = `${pluginMissing(facts.commandText ?? "", plugin, `engine ${engine.name}`, when)}: the scenario is skipped there, never failed`;
        return [{ path: ["steps", index, "run"], code: PROBLEM_CODES.plugin, message }];
      }),
    ),
  );
}
