import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Docker } from "../docker/docker.js";
import { ImageError } from "../support/errors.js";
import { cacheDir } from "./build-context.js";
import { ImageDocker } from "./image-docker.js";
import type { PreparedImage } from "./types.js";

export interface ExportOptions {
  repoRoot: string;
  docker: Docker;
  log?: (line: string) => void;
}

/**
 * `docker save` of a prepared image to `.dockproof/cache/images/<id-hex>.tar`, which sandboxes
 * `docker load` to get the image without a registry. Keyed by image id, so an archive is reused
 * for as long as the image it came from is the one prepared; the archive carries `localRef` as
 * its tag and the sandbox retags it to the logical ref inside its own disposable daemon.
 */
export async function exportImageArchive(image: PreparedImage, options: ExportOptions): Promise<string> {
  const hex = image.id.replace(/^sha256:/, "");
  if (!/^[0-9a-f]{64}$/.test(hex)) {
    throw new ImageError("IMAGE_EXPORT_FAILED", `Expected a sha256 image id for ${image.ref}, received "${image.id}"`);
  }
  const archive = cacheDir(options.repoRoot, "images", `${hex}.tar`);
  const existing = await stat(archive).catch(() => null);
  if (existing && existing.size > 0) return archive;

  const docker = new ImageDocker(options.docker, options.log);
  // The tag could have moved since prepareImages (a rebuild elsewhere); saving it would then file
  // a different image under this id.
  const current = await docker.inspect(image.localRef);
  if (current?.id !== image.id) {
    throw new ImageError(
      "IMAGE_EXPORT_FAILED",
      `Expected ${image.localRef} to still be ${image.id}, received ${current ? current.id : "no such image"}; prepare the images again.`,
    );
  }
  await mkdir(path.dirname(archive), { recursive: true });
  // Save beside the final name and rename: a crash mid-save must not leave a truncated "cached" archive.
  const partial = `${archive}.${process.pid}.partial`;
  const started = performance.now();
  try {
    await docker.save(image.localRef, partial);
    await rename(partial, archive);
  } finally {
    await rm(partial, { force: true });
  }
  options.log?.(`[images] saved ${image.localRef} to ${archive} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return archive;
}
