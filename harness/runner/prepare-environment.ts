import { join } from "node:path";
import { ensureEngine } from "../engine/ensure-engine.js";
import type { EngineConnection } from "../engine/engine-connection.js";
import { exportImageArchive, ImageCatalog, prepareImages, type ImageMode, type PreparedImage } from "../images/index.js";
import type { SeedImage } from "../sandbox/sandbox.js";
import type { ImageReport } from "../report/report-types.js";
import type { Isolation } from "./run-scenario.js";
import { reapOrphanedSessions, reapSession } from "../sandbox/session-reaper.js";
import { sessionId } from "../sandbox/session.js";
import { onInterrupt } from "../support/signal-cleanup.js";

export const DIND_REF = ImageCatalog.dindRef;
export const PROBE_REF = ImageCatalog.probeRef;

export interface PreparedEnvironment {
  engine: EngineConnection;
  dindImage: string;
  seeds: Map<string, SeedImage>;
  images: ImageReport[];
  prepareMs: number;
}

export interface EnvironmentOptions {
  repoRoot: string;
  imageMode: ImageMode;
  isolation: Isolation;
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

/** The engine, every image the scenarios need (pulled or substituted), and the archives sandboxes are seeded from. */
export async function prepareEnvironment(options: EnvironmentOptions): Promise<PreparedEnvironment> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const engine = await ensureEngine({ stateDir: join(options.repoRoot, ".dockproof"), log });
  // Without a reaper container, a run killed with SIGKILL leaves its sandboxes; the next run clears them.
  await reapOrphanedSessions(engine.cliEnv, log);
  // On SIGINT/SIGTERM, also sweep what a sandbox start still in flight had created.
  onInterrupt(() => reapSession(sessionId, engine.cliEnv));
  const wanted = [...new Set([...options.refs, PROBE_REF, ...(options.isolation === "dind" ? [DIND_REF] : [])])];
  const imageOptions = { mode: options.imageMode, dockerHost: engine.cliEnv.DOCKER_HOST, log, repoRoot: options.repoRoot };
  const prepared = await prepareImages(wanted, imageOptions);
  const seeds = new Map<string, SeedImage>();
  for (const image of prepared) {
    if (image.ref === DIND_REF) continue;
    // Host isolation tags images in place; only sandboxes need an archive to load.
    const archive = options.isolation === "dind" ? await exportImageArchive(image, imageOptions) : "";
    seeds.set(image.ref, { ref: image.ref, localRef: image.localRef, archive, id: image.id });
  }
  const dind = prepared.find((image) => image.ref === DIND_REF);
  return {
    engine,
    dindImage: dind?.localRef ?? "",
    seeds,
    images: prepared.map(imageReport),
    prepareMs: performance.now() - started,
  };
}
