import type { Terminal } from "../terminal/terminal.js";

/** What a learner at this sandbox's terminal has: the client and daemon versions and the builder `docker build` uses. */
export interface EngineFacts {
  client: string | null;
  server: string | null;
  /** buildkit when the client has the buildx plugin (so `docker build` is BuildKit on Docker 23+), else classic. */
  builder: "buildkit" | "classic" | null;
}

const PROBE_TIMEOUT_MS = 15_000;
const known = new Map<string, Promise<EngineFacts>>();

/**
 * Asked once per engine image (the answer is the image's): `docker version` and `docker buildx version` in the
 * terminal, as a learner would type them. A fact it cannot read is null, never guessed.
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
      const buildx = await terminal.run({ argv: ["docker", "buildx", "version"] }, { timeoutMs: PROBE_TIMEOUT_MS });
      const builder = buildx.timedOut || buildx.spawnError ? null : buildx.exitCode === 0 ? "buildkit" : "classic";
      return { client: client || null, server: server || null, builder };
    })();
    // A probe that failed (a daemon still starting) is asked again next time, not remembered.
    facts.then((value) => value.server === null && known.delete(imageKey)).catch(() => known.delete(imageKey));
    known.set(imageKey, facts);
  }
  return facts;
}
