/**
 * Docker CLI plugins: the subcommands a docker CLI has only when a plugin carries them (`docker compose`,
 * `docker buildx`). A CLI without the plugin does not say "not installed": it reads `compose` as an argument of its
 * own and fails on the next flag ("unknown shorthand flag: 'd' in -d"), which would look like a lesson failure.
 * So what a command needs is read off its argv before it runs. Knows nothing of scenarios or engines.
 */

export const CLI_PLUGINS = ["buildx", "compose"] as const;
export type CliPlugin = (typeof CLI_PLUGINS)[number];

/** docker's own global options that take a value (`docker --context x compose …`). */
const GLOBAL_VALUE_OPTIONS = new Set(["-c", "--context", "-H", "--host", "-l", "--log-level", "--config", "--tlscacert", "--tlscert", "--tlskey"]);

/** The first word after `docker` and its global options: the subcommand. */
function subcommandOf(argv: readonly string[]): string | null {
  for (let index = 1; index < argv.length; index++) {
    const arg = argv[index] as string;
    if (!arg.startsWith("-")) return arg;
    if (GLOBAL_VALUE_OPTIONS.has(arg)) index++;
  }
  return null;
}

/**
 * The plugin a command needs, or null. `docker-compose` (the standalone v2 binary) comes in the same Debian package
 * as the plugin, and in the same official images, so it needs what `docker compose` needs.
 */
export function pluginNeeded(argv: readonly string[]): CliPlugin | null {
  const program = argv[0]?.split("/").at(-1);
  if (program === "docker-compose") return "compose";
  if (program !== "docker") return null;
  const subcommand = subcommandOf(argv);
  return (CLI_PLUGINS as readonly string[]).includes(subcommand ?? "") ? (subcommand as CliPlugin) : null;
}

/** What a learner types to ask whether the CLI has the plugin: exit 0 when it does. */
export const pluginProbe = (plugin: CliPlugin): string[] => ["docker", plugin, "version"];

/** The sentence every report and note uses for a plugin a CLI lacks. */
export const pluginMissing = (command: string, plugin: CliPlugin, where: string, when = ""): string =>
  `\`${command}\` needs the ${plugin} plugin, which ${where} lacks${when}`;
