import { createHash } from "node:crypto";
import type { SeedImage } from "./sandbox.js";

/**
 * A template: a Docker data root holding one image set, loaded once by the engine's own daemon into a named
 * volume on the outer engine. Sandboxes get its layers read-only instead of loading the images each time.
 * Plain data, so it crosses process boundaries (vitest's global setup hands it to test workers).
 */
export interface SeedTemplate {
  /** Content key: the engine image's id, the layout version and every image's ref, tag and id. */
  key: string;
  /** The named volume with the data root. */
  volume: string;
  /** The engine image (outer-engine tag) and id whose daemon wrote the data root: only that daemon reads it. */
  engineImage: string;
  engineImageId: string;
  images: SeedImage[];
}

/** Bumped when what a template holds or how a sandbox reads it changes: old templates are then rebuilt. */
export const TEMPLATE_FORMAT = 1;

export const TEMPLATE_LABELS = {
  /** The content key (full): a template is found by it, never by session. */
  key: "org.dockproof.template",
  /** What it was made of, so a template whose images or engine are gone is swept. */
  engineImageId: "org.dockproof.template-engine",
  imageIds: "org.dockproof.template-images",
  /** "data" (the data root) or "ready" (an empty volume created once the data root is complete). */
  part: "org.dockproof.template-part",
  /** TEMPLATE_FORMAT it was made with: a template of another format is swept. */
  format: "org.dockproof.template-format",
} as const;

/** The images a sandbox holds, in a stable order: the set a template is made for. */
export function imageSet(images: readonly SeedImage[]): SeedImage[] {
  const byRef = new Map(images.map((image) => [image.ref, image]));
  return [...byRef.values()].sort((a, b) => a.ref.localeCompare(b.ref));
}

/** The lookup key of a set of refs (engine aside): the same refs in any order are one set. */
export const setKey = (refs: readonly string[]): string => [...new Set(refs)].sort().join("\n");

export function templateKey(engineImageId: string, images: readonly SeedImage[]): string {
  const content = {
    format: TEMPLATE_FORMAT,
    engine: engineImageId,
    images: imageSet(images).map(({ ref, localRef, id }) => ({ ref, localRef, id })),
  };
  return createHash("sha256").update(JSON.stringify(content)).digest("hex");
}

/** Names on the outer engine: volume names allow [A-Za-z0-9_.-]; 16 hex digits keep them apart. */
export const templateVolume = (key: string): string => `dockproof-template-${key.slice(0, 16)}`;
export const readyVolume = (key: string): string => `${templateVolume(key)}-ready`;

export function describeTemplate(template: SeedTemplate): string {
  return `template ${template.volume} (${template.images.map((image) => image.ref).join(", ")})`;
}
