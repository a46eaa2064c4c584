import type { ParsedBuild } from "../builds/index.js";
import { type BuildExpectation, checkBuild } from "../checks/build-evidence.js";
import type { CacheFound } from "./sandbox.js";

const MAX_LISTED = 4;

function cause(found: Exclude<CacheFound, { kind: "none" }>): string {
  if (found.kind === "unknown") return `the engine's build cache could not be checked for entries from before this scenario: ${found.reason}`;
  const listed = found.entries.slice(0, MAX_LISTED).join(", ");
  const more = found.entries.length > MAX_LISTED ? ` and ${found.entries.length - MAX_LISTED} more` : "";
  return `the engine's build cache held entries from before this scenario, and this build used them: ${listed}${more}`;
}

/**
 * Can cache from before the scenario explain this build's verdict? Such cache only ever turns a step that would run
 * into one that comes from the cache. So a step the lesson says runs and that ran, or a step the lesson says is
 * cached and that ran, is a verdict on the lesson; a step the lesson says runs that came from the cache, or a step
 * the lesson says is cached that was, may be the older cache's doing. Those are unverified: the reason, or null when
 * the verdict stands.
 */
export function cacheInfluence(build: ParsedBuild, expectation: BuildExpectation, found: CacheFound): string | null {
  if (found.kind === "none") return null;
  const wantsCached = { cached: expectation.cached, fullyCached: expectation.fullyCached === true ? true : undefined };
  const wantsRun = { rebuilt: expectation.rebuilt, fullyCached: expectation.fullyCached === false ? false : undefined };
  const cached = checkBuild(build, wantsCached);
  if (!cached.passed) return null;
  const ran = checkBuild(build, wantsRun);
  if (!ran.passed) return `${ran.message}; but ${cause(found)}`;
  const claimsCache = (expectation.cached?.length ?? 0) > 0 || expectation.fullyCached === true;
  return claimsCache ? `the steps came from the cache as expected, but ${cause(found)}, so not necessarily this scenario's own` : null;
}
