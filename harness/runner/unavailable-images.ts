/**
 * An image a scenario names that this machine cannot have: no registry answers and dockproof has no substitute for
 * it. That proves nothing about the lesson, so the scenario is skipped saying which image and why, before any
 * sandbox starts — never an error from deep inside one. Online (real images demanded) it stays a failure to prepare.
 */
import { ImageCatalog, type PreparedImage, type PrepareOptions, prepareImages } from "../images/index.js";
import type { ScenarioReport } from "../model/report-types.js";
import { ImageError } from "../support/errors.js";
import { skippedReport } from "./skipped-report.js";
import type { ScenarioPlan } from "../scenario/plan.js";

export interface AvailableImages {
  prepared: PreparedImage[];
  /** Image ref -> why it cannot be had here. */
  unavailable: Map<string, string>;
}

/** Catalog images as before (one call, shared bases); every other ref on its own, so one missing image skips only its scenarios. */
export async function prepareAvailableImages(refs: readonly string[], options: PrepareOptions): Promise<AvailableImages> {
  const unique = [...new Set(refs)];
  const unavailable = new Map<string, string>();
  if (options.mode === "online") return { prepared: await prepareImages(unique, options), unavailable };
  const known = unique.filter((ref) => ImageCatalog.get(ref) !== undefined);
  const prepared = await prepareImages(known, options);
  for (const ref of unique.filter((candidate) => !known.includes(candidate))) {
    try {
      prepared.push(...(await prepareImages([ref], options)));
    } catch (error) {
      if (!(error instanceof ImageError) || error.code !== "IMAGE_NO_SUBSTITUTE") throw error;
      unavailable.set(ref, error.message);
    }
  }
  return { prepared, unavailable };
}

/** The report of a scenario that needs an image this machine cannot have; null when it needs none. */
export function unavailableImageReport(plan: ScenarioPlan, engine: string, unavailable: ReadonlyMap<string, string>): ScenarioReport | null {
  const missing = plan.images.filter((ref) => unavailable.has(ref));
  if (missing.length === 0) return null;
  const text = missing.map((ref) => `the image ${ref} cannot be had here, so nothing of this scenario ran: ${unavailable.get(ref)}`).join("; ");
  const reason = `skipped: ${missing.join(", ")} cannot be had here`;
  return skippedReport(plan, { name: engine, client: null, server: null, builder: null }, text, reason);
}
