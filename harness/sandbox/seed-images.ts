import { createHash } from "node:crypto";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Docker } from "../docker/docker.js";
import { SandboxError } from "../support/errors.js";
import type { SeedImage } from "./sandbox.js";
import { imageSet } from "./seed-template.js";

const seedFailure = (docker: Docker) => docker.withFailures((_kind, message) => new SandboxError("E_SEED", message));

/** `set-<hash>.tar` in `dir`, keyed by every image's tag and id: one archive per image set. */
export function combinedArchivePath(dir: string, images: readonly SeedImage[]): string {
  const key = createHash("sha256")
    .update(JSON.stringify(imageSet(images).map(({ localRef, id }) => [localRef, id])))
    .digest("hex");
  return path.join(dir, `set-${key.slice(0, 24)}.tar`);
}

/**
 * One `docker save` of the whole set from the outer engine, cached: a shared base is stored (and later extracted)
 * once, where one archive per image would extract it once each. Written beside its name and renamed, so a crash
 * never leaves a truncated archive that looks cached.
 */
export async function combinedArchive(outer: Docker, images: readonly SeedImage[], dir: string, timeoutMs = 600_000): Promise<string> {
  const archive = combinedArchivePath(dir, images);
  const existing = await stat(archive).catch(() => null);
  if (existing && existing.size > 0) return archive;
  await mkdir(dir, { recursive: true });
  const partial = `${archive}.${process.pid}.partial`;
  try {
    const refs = imageSet(images).map((image) => image.localRef);
    await seedFailure(outer).run(["save", "--output", partial, ...refs], {
      what: `saving ${refs.join(", ")} to one archive (${archive})`,
      timeoutMs,
    });
    await rename(partial, archive);
  } finally {
    await rm(partial, { force: true });
  }
  return archive;
}

/**
 * Where no template serves (none could be prepared, or its daemon's storage is not overlay2): the set's one
 * archive is loaded into the sandbox's daemon and each image tagged with the name the lesson uses.
 */
export async function loadCombinedArchive(
  sandbox: Docker,
  outer: Docker,
  images: readonly SeedImage[],
  dir: string,
  timeoutMs = 120_000,
): Promise<void> {
  const archive = await combinedArchive(outer, images, dir);
  const names = images.map((image) => image.ref).join(", ");
  await seedFailure(sandbox).run(["load", "--quiet", "--input", archive], { what: `loading ${names} (from ${archive}) into the sandbox`, timeoutMs });
  for (const image of images) {
    // Tag by id: an archive cached for this id may carry another tag than the one prepared this time.
    await seedFailure(sandbox).run(["tag", image.id, image.ref], { what: `tagging ${image.ref} in the sandbox`, timeoutMs: 30_000 });
  }
}
