import { hostname } from "node:os";
import type { Docker } from "../docker/docker.js";
import type { EngineConnection } from "../outer-engine/engine-connection.js";
import { SandboxError } from "../support/errors.js";
import { detectPrivilegeProfile } from "./privilege-profile.js";
import type { SeedImage } from "./sandbox.js";
import { imageSet, readyVolume, type SeedTemplate, TEMPLATE_FORMAT, TEMPLATE_LABELS, templateKey, templateVolume } from "./seed-template.js";
import { isAlive } from "./session-reaper.js";
import { OWNER_HOST_LABEL, OWNER_PID_LABEL } from "../support/session.js";
import { buildTemplate, ROLE_LABEL, TEMPLATE_ROLE } from "./template-builder.js";

/** One template volume as the outer engine lists it. */
export interface TemplateVolume {
  name: string;
  key: string;
  part: string;
  format: string;
  engineImageId: string;
  imageIds: string[];
  ownerPid: number;
  ownerHost: string;
}

const FIELDS = [
  TEMPLATE_LABELS.key,
  TEMPLATE_LABELS.part,
  TEMPLATE_LABELS.format,
  TEMPLATE_LABELS.engineImageId,
  TEMPLATE_LABELS.imageIds,
  OWNER_PID_LABEL,
  OWNER_HOST_LABEL,
];

export async function listTemplateVolumes(docker: Docker): Promise<TemplateVolume[]> {
  const format = ["{{.Name}}", ...FIELDS.map((label) => `{{.Label "${label}"}}`)].join("\t");
  const result = await docker.run(["volume", "ls", "--filter", `label=${ROLE_LABEL}=${TEMPLATE_ROLE}`, "--format", format], {
    what: "listing dockproof's template volumes",
    timeoutMs: 30_000,
  });
  return result.stdout
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [name = "", key = "", part = "", version = "", engineImageId = "", imageIds = "", pid = "", host = ""] = line.split("\t");
      return {
        name,
        key,
        part,
        format: version,
        engineImageId,
        imageIds: imageIds.split(" ").filter(Boolean),
        ownerPid: Number(pid),
        ownerHost: host,
      };
    });
}

/**
 * Which template volumes are debris, given what the engine holds: a data volume never completed (no ready
 * volume) whose creator on this host is gone; a ready marker without its data; a template of another format, or
 * made from an engine image or an image the engine no longer has (it can never be asked for again).
 */
export function staleTemplateVolumes(
  volumes: readonly TemplateVolume[],
  imageIds: ReadonlySet<string>,
  here: string,
  alive: (pid: number) => boolean,
): TemplateVolume[] {
  const ready = new Set(volumes.filter((volume) => volume.part === "ready").map((volume) => volume.key));
  const data = new Set(volumes.filter((volume) => volume.part === "data").map((volume) => volume.key));
  return volumes.filter((volume) => {
    if (volume.format !== String(TEMPLATE_FORMAT)) return true;
    if (![volume.engineImageId, ...volume.imageIds].every((id) => imageIds.has(id))) return true;
    if (volume.part === "ready") return !data.has(volume.key);
    return !ready.has(volume.key) && volume.ownerHost === here && !alive(volume.ownerPid);
  });
}

/** Removes stale templates (see staleTemplateVolumes); a volume still in use by a sandbox stays till next time. */
export async function sweepTemplates(docker: Docker, log: (line: string) => void): Promise<number> {
  const volumes = await listTemplateVolumes(docker);
  if (volumes.length === 0) return 0;
  const images = await docker.run(["images", "-q", "--no-trunc"], { what: "listing the engine's image ids", timeoutMs: 30_000 });
  const stale = staleTemplateVolumes(volumes, new Set(images.stdout.split("\n").filter(Boolean)), hostname(), isAlive);
  if (stale.length === 0) return 0;
  log(`[templates] removing ${stale.length} stale template volume(s): ${stale.map((volume) => volume.name).join(", ")}`);
  await docker.query(["volume", "rm", "-f", ...stale.map((volume) => volume.name)], {
    what: "removing stale template volumes",
    timeoutMs: 120_000,
  });
  return stale.length;
}

/** The template of this engine image and image set if it is complete on the engine, else null. */
export async function findTemplate(
  docker: Docker,
  engineImage: string,
  engineImageId: string,
  images: readonly SeedImage[],
): Promise<SeedTemplate | null> {
  const key = templateKey(engineImageId, images);
  const names = await docker.run(["volume", "ls", "-q", "--filter", `label=${TEMPLATE_LABELS.key}=${key}`], {
    what: `looking for template ${templateVolume(key)}`,
    timeoutMs: 30_000,
  });
  const found = new Set(names.stdout.split("\n").filter(Boolean));
  if (!found.has(templateVolume(key)) || !found.has(readyVolume(key))) return null;
  return { key, volume: templateVolume(key), engineImage, engineImageId, images: imageSet(images) };
}

async function imageId(docker: Docker, image: string): Promise<string> {
  const result = await docker
    .withFailures((_kind, message) => new SandboxError("E_TEMPLATE", message))
    .run(["image", "inspect", "--format", "{{.Id}}", image], { what: `the id of the engine image ${image}`, timeoutMs: 30_000 });
  return result.stdout.trim();
}

/**
 * The template for one (engine image, image set): found on the engine by its content key, else prepared now. Null
 * when it cannot be had (another process is preparing it, or the engine's daemon cannot make one): the caller then
 * loads one combined archive, and says so.
 */
export async function templateFor(
  engine: EngineConnection,
  engineImage: string,
  images: readonly SeedImage[],
  log: (line: string) => void,
): Promise<SeedTemplate | null> {
  const engineImageId = await imageId(engine.docker, engineImage);
  const existing = await findTemplate(engine.docker, engineImage, engineImageId, images);
  if (existing) return existing;
  try {
    const profile = await detectPrivilegeProfile(engineImage, engine.docker);
    return await buildTemplate({ engine, engineImage, engineImageId, profile, images, log });
  } catch (error) {
    log(
      `[templates] no template for ${engineImage} (${imageSet(images)
        .map((image) => image.ref)
        .join(", ")}): ${(error as Error).message}`,
    );
    return null;
  }
}
