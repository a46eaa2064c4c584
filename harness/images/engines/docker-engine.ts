import type { CliPlugin } from "../../commands/cli-plugins.js";
import { InvalidInputError } from "../../support/errors.js";

/** A Docker engine a sandbox can run: the real DinD image where a registry answers, a catalog substitute where none does. */
export interface DockerEngine {
  /** What a user or a scenario names it by: `modern`, `legacy`. */
  name: string;
  /** The official image pulled online, e.g. `docker:28-dind`. */
  onlineRef: string;
  /**
   * The catalog entry whose recipe builds the offline stand-in. PrepareSession pulls a catalog ref online and builds
   * its recipe offline (and in `auto` when the pull fails), so for every engine here it is the online ref itself.
   */
  catalogRef: string;
  /** One sentence for reports and `--help`. */
  description: string;
  /** The dockerd major version the sandbox answers with: the official image's online, Debian's package offline. */
  daemonMajor: { online: number; offline: number };
  /**
   * The CLI plugins the sandbox's docker carries, online (the official image) and offline (the substitute): a
   * scenario whose commands need one its engine lacks is skipped there, with that reason, never failed.
   */
  plugins: { online: readonly CliPlugin[]; offline: readonly CliPlugin[] };
}

/** The plugins `engine` carries where its image is the substitute (`offline`) or the official image. */
export const enginePlugins = (engine: Pick<DockerEngine, "plugins">, substitute: boolean): readonly CliPlugin[] =>
  substitute ? engine.plugins.offline : engine.plugins.online;

/** A name no engine module declares; `known` lists the ones that exist. */
export class UnknownEngineError extends InvalidInputError {
  constructor(
    readonly requested: string,
    readonly known: readonly string[],
  ) {
    super("ENGINE_UNKNOWN", `Expected a Docker engine named ${known.map((name) => `"${name}"`).join(" or ")}, received ${JSON.stringify(requested)}`);
  }
}
