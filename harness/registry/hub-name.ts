import { InvalidInputError } from "../support/errors.js";
import { parseRef } from "../images/image-tags.js";

/** Where a Docker Hub image lives in a registry mirror: `mongo` -> `library/mongo` tag `latest`. */
export interface MirrorPath {
  repository: string;
  tag: string;
}

/**
 * A registry mirror serves Docker Hub images under their canonical paths, which is what a daemon asks it for: official
 * images under `library/`. Only Hub names map: a daemon never asks a mirror for another registry's image (the
 * first path component names a registry when it holds a `.` or a `:` or is `localhost`, as in docker's own parser).
 */
export function mirrorPath(ref: string): MirrorPath {
  const { name, tag, digest } = parseRef(ref);
  const refuse = (why: string) =>
    new InvalidInputError(
      "E_REGISTRY_MIRROR",
      `expected a Docker Hub image name such as mongo:7 or bitnami/redis, found ${JSON.stringify(ref)} (${why})`,
    );
  if (digest) throw refuse("a digest names content, it cannot be pushed to");
  const [first = "", ...rest] = name.split("/");
  if (rest.length > 0 && (first.includes(".") || first.includes(":") || first === "localhost"))
    throw refuse(`${first} names a registry; give the name as Docker Hub shows it`);
  if (!/^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/.test(name)) throw refuse("not a repository name");
  if (tag !== null && !/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/.test(tag)) throw refuse("not a tag");
  return { repository: rest.length === 0 ? `library/${first}` : name, tag: tag ?? "latest" };
}
