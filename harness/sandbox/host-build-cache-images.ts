import type { Docker } from "../docker/docker.js";
import type { BuiltSteps, CacheFound } from "./sandbox.js";

export interface StoredImage {
  id: string;
  parent: string;
  tags: string[];
}

const NO_TAG = "<none>:<none>";
export const HARNESS_TAG_PREFIX = "dockproof/";

export async function listImages(docker: Docker): Promise<StoredImage[]> {
  // all: the classic builder's intermediate images (untagged, one per step) are its cache.
  const images = await docker.api.listImages({ all: true });
  return images.map((image) => ({ id: image.id, parent: image.parentId, tags: image.repoTags.filter((tag) => tag !== NO_TAG) }));
}

export interface ImagePlan {
  /** Tags to point back at the image they named before (the lesson moved or removed them). */
  retag: Array<{ tag: string; id: string }>;
  /** New tags on images from before, removable without deleting the image. */
  untag: string[];
  /** New tags whose removal would delete an image from before (it had no tag): left in place. */
  kept: string[];
  /** Images the scenario created, children before parents. */
  remove: string[];
}

/** What restores the image store to `before`, touching nothing else. */
export function imagePlan(before: readonly StoredImage[], after: readonly StoredImage[]): ImagePlan {
  const beforeIds = new Map(before.map((image) => [image.id, image]));
  const afterIds = new Set(after.map((image) => image.id));
  const tagBefore = new Map(before.flatMap((image) => image.tags.map((tag) => [tag, image.id] as const)));
  const retag = [...tagBefore]
    .filter(([tag, id]) => afterIds.has(id) && !after.some((image) => image.id === id && image.tags.includes(tag)))
    .map(([tag, id]) => ({ tag, id }));
  const untag: string[] = [];
  const kept: string[] = [];
  for (const image of after) {
    const old = beforeIds.get(image.id);
    if (!old) continue;
    const added = image.tags.filter((tag) => tagBefore.get(tag) !== image.id);
    // A tag moved back by `retag` is not this image's any more; removing the last tag of an image deletes it.
    const staying = [
      ...image.tags.filter((tag) => !added.includes(tag)),
      ...retag.filter((entry) => entry.id === image.id).map((entry) => entry.tag),
    ];
    const toRemove = added.filter((tag) => !retag.some((entry) => entry.tag === tag));
    if (staying.length === 0 && old.tags.length === 0) kept.push(...toRemove);
    else untag.push(...toRemove);
  }
  // dockproof's own images (substitutes, probe) built meanwhile by another run are not the lesson's.
  const created = after.filter((image) => !beforeIds.has(image.id) && !image.tags.some((tag) => tag.startsWith(HARNESS_TAG_PREFIX)));
  const createdIds = new Set(created.map((image) => image.id));
  const depth = (image: StoredImage): number => {
    let count = 0;
    for (let id = image.parent; createdIds.has(id); id = created.find((candidate) => candidate.id === id)?.parent ?? "") count++;
    return count;
  };
  const remove = [...created].sort((a, b) => depth(b) - depth(a)).map((image) => image.id);
  return { retag, untag, kept, remove };
}

/**
 * The engine's image store as one host-isolation scenario found it. It holds the classic builder's cache (an
 * intermediate image per step) and the tags lessons build to: at the end what the scenario created goes and the
 * tags it moved come back; while it runs, a classic build's cached step that is an image from before is reported.
 */
export class HostImageLedger {
  private readonly found = new Set<string>();

  private constructor(
    private readonly docker: Docker,
    private readonly before: readonly StoredImage[],
  ) {}

  static async open(docker: Docker): Promise<HostImageLedger> {
    return new HostImageLedger(docker, await listImages(docker));
  }

  /** A classic build's cached steps whose image existed before the scenario (BuildKit makes no step images). */
  afterBuild(build: BuiltSteps): CacheFound {
    if (build.builder !== "classic") return { kind: "none" };
    const fresh = build.steps
      .filter((step) => step.cached && step.layerId !== null)
      .map((step) => this.before.find((image) => image.id.replace(/^sha256:/, "").startsWith(step.layerId ?? "")))
      .filter((image): image is StoredImage => image !== undefined && !this.found.has(image.id));
    for (const image of fresh) this.found.add(image.id);
    return fresh.length === 0
      ? { kind: "none" }
      : { kind: "found", entries: fresh.map((image) => `image ${image.id.slice(7, 19)} (a step's image)`) };
  }

  /** Restores tags and removes the images the scenario created (its untagged step images too, unless kept). */
  async restore({ keepStepImages = false } = {}): Promise<ImagePlan> {
    const after = await listImages(this.docker);
    const plan = imagePlan(this.before, after);
    if (keepStepImages) plan.remove = plan.remove.filter((id) => after.some((image) => image.id === id && image.tags.length > 0));
    const docker = this.docker;
    for (const { tag, id } of plan.retag) await docker.run(["tag", id, tag], { what: `restoring the tag ${tag}`, timeoutMs: 30_000 });
    for (const tag of plan.untag)
      await docker.run(["rmi", "--no-prune", tag], { what: `removing the tag ${tag} the scenario added`, timeoutMs: 30_000 });
    // --no-prune: an image's untagged parents from before are the user's cache; the scenario's own come in order.
    for (const id of plan.remove)
      await docker.run(["rmi", "-f", "--no-prune", id], { what: `removing the scenario's image ${id}`, timeoutMs: 60_000 });
    return plan;
  }
}
