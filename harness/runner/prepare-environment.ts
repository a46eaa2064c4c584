import { join } from "node:path";
import { ensureEngine } from "../outer-engine/ensure-engine.js";
import type { EngineConnection } from "../outer-engine/engine-connection.js";
import type { CliPlugin } from "../commands/cli-plugins.js";
import { type DockerEngine, enginePlugins } from "../images/engines.js";
import { ImageCatalog, type ImageMode, type PreparedImage } from "../images/index.js";
import type { SeedImage } from "../sandbox/sandbox.js";
import type { ImageReport } from "../model/report-types.js";
import type { Isolation } from "./run-scenario.js";
import { sweepApiFolders } from "../sandbox/api-folder.js";
import { reapOrphanedSessions, reapSession } from "../sandbox/session-reaper.js";
import { sweepTemplates } from "../sandbox/template-store.js";
import { sessionId } from "../support/session.js";
import { onInterrupt } from "../support/signal-cleanup.js";
import { prepareAvailableImages } from "./unavailable-images.js";

export const PROBE_REF = ImageCatalog.probeRef;

/** An engine ready to run sandboxes: its image on the outer engine. */
export interface PreparedEngine {
  name: string;
  /** The ref it stands for (`docker:28-dind`) and the outer-engine tag of what runs (the image or its substitute). */
  ref: string;
  dindImage: string;
  /** The CLI plugins its image carries, as the engine declares them for that image (substitute or official). */
  plugins: readonly CliPlugin[];
}

export interface PreparedEnvironment {
  engine: EngineConnection;
  /** The engines scenarios run on (isolation host: the first one's image is the learner's terminal). */
  engines: PreparedEngine[];
  seeds: Map<string, SeedImage>;
  images: ImageReport[];
  /** Images no registry and no substitute could supply (ref -> why): their scenarios are skipped. */
  unavailable: Map<string, string>;
  prepareMs: number;
}

export interface EnvironmentOptions {
  repoRoot: string;
  imageMode: ImageMode;
  isolation: Isolation;
  /** Engines to run the scenarios on, in order; at least one. */
  engines: readonly DockerEngine[];
  /** Image refs the scenarios ask for. */
  refs: readonly string[];
  log?: (line: string) => void;
}

export const imageReport = (image: PreparedImage): ImageReport => ({
  ref: image.ref,
  id: image.id,
  digest: image.digest,
  substitute: image.substitute,
  substituteFor: image.substituteFor,
  substituteName: image.substituteName,
});

/** The engine and every image the scenarios need (pulled or substituted); sandboxes get them from templates. */
export async function prepareEnvironment(options: EnvironmentOptions): Promise<PreparedEnvironment> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const engine = await ensureEngine({ stateDir: join(options.repoRoot, ".dockproof"), log });
  // Without a reaper container, a run killed with SIGKILL leaves its sandboxes; the next run clears them.
  await reapOrphanedSessions(engine.docker, log);
  // Then templates a dead run left half-made, or whose images are gone; sandboxes make theirs on first use.
  await sweepTemplates(engine.docker, log);
  await sweepApiFolders();
  // On SIGINT/SIGTERM, also sweep what a sandbox start still in flight had created.
  onInterrupt(() => reapSession(sessionId, engine.docker));
  // Host isolation runs on the outer engine itself; its learner's terminal is the first engine's image.
  const engines = options.isolation === "host" ? options.engines.slice(0, 1) : options.engines;
  const engineRefs = engines.map((candidate) => candidate.catalogRef);
  const wanted = [...new Set([...options.refs, PROBE_REF, ...engineRefs])];
  const imageOptions = { mode: options.imageMode, docker: engine.docker, log, repoRoot: options.repoRoot };
  const { prepared, unavailable } = await prepareAvailableImages(wanted, imageOptions);
  const seeds = new Map<string, SeedImage>();
  for (const image of prepared) {
    if (engineRefs.includes(image.ref)) continue;
    seeds.set(image.ref, { ref: image.ref, localRef: image.localRef, id: image.id });
  }
  const byRef = new Map(prepared.map((image) => [image.ref, image]));
  return {
    engine,
    engines: engines.map((candidate) => ({
      name: candidate.name,
      ref: candidate.catalogRef,
      dindImage: byRef.get(candidate.catalogRef)?.localRef ?? "",
      plugins: enginePlugins(candidate, byRef.get(candidate.catalogRef)?.substitute ?? true),
    })),
    seeds,
    images: prepared.map(imageReport),
    unavailable,
    prepareMs: performance.now() - started,
  };
}
