import type { Docker } from "../docker/docker.js";
import { SandboxError } from "../support/errors.js";

export interface ExpectedImage {
  /** The name lesson commands use (`node:20`, `mongo`). */
  ref: string;
  /** The id prepared on the outer engine. */
  id: string;
}

/** The tag the daemon lists for a ref: `mongo` is `mongo:latest`; a digest ref has no tag to list. */
export function listedTag(ref: string): string {
  if (ref.includes("@")) return ref;
  const lastSlash = ref.lastIndexOf("/");
  return ref.slice(lastSlash + 1).includes(":") ? ref : `${ref}:latest`;
}

/** One line per expected image the daemon does not have under its name, or has as another image. */
export function imageMismatches(expected: readonly ExpectedImage[], tags: ReadonlyMap<string, string>): string[] {
  return expected.flatMap(({ ref, id }) => {
    const found = tags.get(listedTag(ref));
    if (found === id) return [];
    return [`${ref}: expected ${id}, found ${found ?? "no such image"}`];
  });
}

/**
 * Before a scenario's first step: the sandbox has each image under the lesson's name with the id prepared. A
 * mismatch (a template or archive out of step with the images) is the harness's fault, never a lesson's verdict.
 */
export async function verifySandboxImages(docker: Docker, expected: readonly ExpectedImage[], how: string): Promise<void> {
  if (expected.length === 0) return;
  let tags: Map<string, string>;
  try {
    tags = await listImageTags(docker, 10_000);
  } catch (error) {
    throw new SandboxError("E_SEED", `expected the sandbox to list its images (seeded by ${how}); found: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const wrong = imageMismatches(expected, tags);
  if (wrong.length > 0)
    throw new SandboxError("E_SEED_MISMATCH", `expected the sandbox's images (seeded by ${how}) to be the ones prepared; ${wrong.join("; ")}`);
}

/** Every tag the daemon knows with the image id it names (`node:20` -> `sha256:…`): one API call, no CLI process. */
export async function listImageTags(docker: Docker, timeoutMs: number): Promise<Map<string, string>> {
  const answer = await docker.api.get("/images/json", timeoutMs);
  if (answer.status !== 200) throw new Error(`GET /images/json answered ${answer.status}: ${answer.body.slice(0, 200)}`);
  const images = JSON.parse(answer.body) as Array<{ Id: string; RepoTags?: string[] | null }>;
  return new Map(images.flatMap((image) => (image.RepoTags ?? []).map((tag) => [tag, image.Id] as const)));
}
