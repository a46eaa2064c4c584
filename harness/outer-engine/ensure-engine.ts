import { join } from "node:path";
import { connectToEngine, type EngineConnection } from "./engine-connection.js";
import { startLocalEngine } from "./start-local-engine.js";
import { engineMirrors } from "./engine-mirrors.js";
import { registryMirrorsFromEnv } from "./registry-mirror-option.js";
import { EngineUnavailableError } from "../support/errors.js";

export interface EnsureEngineOptions {
  stateDir: string;
  log?: (line: string) => void;
}

let cached: Promise<EngineConnection> | undefined;

/**
 * The engine testcontainers finds is used as is. Only when none answers (and the machine allows it)
 * do we install and start one, because CI machines start with nothing running.
 */
export function ensureEngine(options: EnsureEngineOptions): Promise<EngineConnection> {
  cached ??= (async () => {
    // Ryuk needs a registry pull; cleanup is ours (labels + disposal), so the reaper stays off unless asked for.
    process.env.TESTCONTAINERS_RYUK_DISABLED ??= "true";
    const log = options.log ?? (() => {});
    try {
      const connection = await connectToEngine();
      await warnOfMirrorsNotTaken(connection, log);
      return connection;
    } catch (firstError) {
      log(`no Docker engine answered: ${(firstError as Error).message}`);
      await startLocalEngine({ logFile: join(options.stateDir, "dockerd.log"), log });
      try {
        return await connectToEngine();
      } catch (error) {
        throw new EngineUnavailableError("E_ENGINE_UNAVAILABLE", "dockerd started but testcontainers still finds no engine", { cause: error });
      }
    }
  })();
  cached.catch(() => (cached = undefined));
  return cached;
}

/**
 * DOCKPROOF_REGISTRY_MIRROR reaches only a dockerd dockproof starts: an engine already running pulls through what its
 * own daemon.json says. Said once, so a user who set the option knows why pulls do not go through their mirror.
 */
async function warnOfMirrorsNotTaken(connection: EngineConnection, log: (line: string) => void): Promise<void> {
  const wanted = registryMirrorsFromEnv();
  if (wanted.length === 0) return;
  const has = await engineMirrors(connection.docker).catch(() => null);
  const missing = wanted.filter((mirror) => !has?.includes(mirror));
  if (missing.length > 0)
    log(
      `DOCKPROOF_REGISTRY_MIRROR names ${missing.join(", ")}, but the engine already running pulls through ${has === null ? "mirrors it did not report" : has.length ? has.join(", ") : "no mirror"}: set registry-mirrors in its daemon.json`,
    );
}
