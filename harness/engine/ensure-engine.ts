import { join } from "node:path";
import { connectToEngine, type EngineConnection } from "./engine-connection.js";
import { startLocalEngine } from "./start-local-engine.js";
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
      return await connectToEngine();
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
