/**
 * A scenario whose commands need a CLI plugin its engine does not carry proves nothing about the lesson there: a docker
 * CLI without compose reads `docker compose up -d` as its own command and fails on `-d` ("unknown shorthand flag"),
 * which would read as the lesson's failure. So it is skipped with the reason: before any sandbox starts when the engine
 * declares it lacks the plugin, or once the sandbox's own docker says it has none (`docker compose version` fails).
 */
import { type CliPlugin, pluginMissing } from "../commands/cli-plugins.js";
import type { ScenarioPlan } from "../scenario/plan.js";

export interface MissingTools {
  /** The whole reason, for the finding. */
  text: string;
  /** Short, for each skipped step. */
  reason: string;
}

/** Why `plan` cannot run where the CLI carries `carried` (null: not known, so nothing is missing yet). */
export function missingTools(
  plan: Pick<ScenarioPlan, "plugins">,
  carried: readonly CliPlugin[] | null | undefined,
  where: string,
): MissingTools | null {
  if (carried === null || carried === undefined) return null;
  const missing = plan.plugins.filter((need) => !carried.includes(need.plugin));
  if (missing.length === 0) return null;
  const sentences = missing.map((need) => `${pluginMissing(need.command, need.plugin, where)} (scenario line ${need.line})`);
  return {
    text: `${sentences.join("; ")}: nothing of this scenario ran, and that says nothing of the lesson`,
    reason: `skipped: ${where} has no ${missing.map((need) => `${need.plugin} plugin`).join(" and no ")}`,
  };
}
