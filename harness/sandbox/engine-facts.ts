import { CLI_PLUGINS, type CliPlugin, pluginProbe } from "../commands/cli-plugins.js";
import type { Terminal } from "../terminal/terminal.js";

/** What a learner at this sandbox's terminal has: the client and daemon versions and the builder `docker build` uses. */
export interface EngineFacts {
  client: string | null;
  server: string | null;
  /** buildkit when the client has the buildx plugin (so `docker build` is BuildKit on Docker 23+), else classic. */
  builder: "buildkit" | "classic" | null;
  /** The CLI plugins the terminal's docker has (`docker compose version` answered); null when it could not be asked. */
  plugins: CliPlugin[] | null;
}

const PROBE_TIMEOUT_MS = 15_000;
const known = new Map<string, Promise<EngineFacts>>();

/**
 * Asked once per engine image (the answer is the image's): `docker version` and `docker <plugin> version` for each
 * CLI plugin in the terminal, as a learner would type them. A fact it cannot read is null, never guessed.
 */
export function engineFacts(imageKey: string, terminal: Terminal): Promise<EngineFacts> {
  let facts = known.get(imageKey);
  if (!facts) {
    facts = (async () => {
      const version = await terminal.run(
        { argv: ["docker", "version", "--format", "{{.Client.Version}}|{{.Server.Version}}"] },
        { timeoutMs: PROBE_TIMEOUT_MS },
      );
      const [client = "", server = ""] = version.exitCode === 0 ? version.stdout.trim().split("|") : [];
      const probes = await Promise.all(CLI_PLUGINS.map((plugin) => terminal.run({ argv: pluginProbe(plugin) }, { timeoutMs: PROBE_TIMEOUT_MS })));
      const answered = probes.every((probe) => !probe.timedOut && !probe.spawnError);
      const carried = (plugin: CliPlugin) => probes[CLI_PLUGINS.indexOf(plugin)]?.exitCode === 0;
      const builder = answered ? (carried("buildx") ? "buildkit" : "classic") : null;
      return { client: client || null, server: server || null, builder, plugins: answered ? CLI_PLUGINS.filter(carried) : null };
    })();
    // A probe that failed (a daemon still starting) is asked again next time, not remembered.
    facts.then((value) => value.server === null && known.delete(imageKey)).catch(() => known.delete(imageKey));
    known.set(imageKey, facts);
  }
  return facts;
}
