import { type DockerEngine, UnknownEngineError } from "./engines/docker-engine.js";
import { legacyEngine } from "./engines/legacy-engine.js";
import { modernEngine } from "./engines/modern-engine.js";

export { type DockerEngine, enginePlugins, UnknownEngineError } from "./engines/docker-engine.js";

/** Every engine a sandbox can run; adding one is its module plus one line here (and its image in the catalog). */
export const ENGINES: readonly DockerEngine[] = [modernEngine, legacyEngine];

/** What learners run: a current Docker whose `docker build` is BuildKit. */
export const DEFAULT_ENGINE: DockerEngine = modernEngine;

/** The engine called `name`; none given means the default. Throws UnknownEngineError naming the known engines. */
export function engineNamed(name?: string): DockerEngine {
  if (name === undefined) return DEFAULT_ENGINE;
  const engine = ENGINES.find((candidate) => candidate.name === name);
  if (!engine)
    throw new UnknownEngineError(
      name,
      ENGINES.map((candidate) => candidate.name),
    );
  return engine;
}

/**
 * The engines a run uses: `modern,legacy`, `all`, or one name; nothing given (and no DOCKPROOF_ENGINES) means the
 * default. Duplicates count once; an unknown name throws UnknownEngineError (bad input: exit 2, nothing started).
 */
export function selectEngines(spec: string | null | undefined = process.env.DOCKPROOF_ENGINES): DockerEngine[] {
  const text = spec?.trim() ?? "";
  if (text === "") return [DEFAULT_ENGINE];
  if (text === "all") return [...ENGINES];
  const names = [
    ...new Set(
      text
        .split(",")
        .map((name) => name.trim())
        .filter(Boolean),
    ),
  ];
  return names.map((name) => engineNamed(name));
}
