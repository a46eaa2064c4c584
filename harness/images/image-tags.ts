/**
 * Names for images dockproof creates on the user's engine. Substitutes live ONLY under the
 * `dockproof/` namespace with the content hash in the tag: tagging `node:20` on the outer engine
 * could shadow (or clobber) the user's real image. The real names are applied only inside the
 * disposable sandbox daemon.
 */
export const DOCKPROOF_NAMESPACE = "dockproof/";
export const SUBSTITUTE_NAMESPACE = `${DOCKPROOF_NAMESPACE}substitute/`;
export const HASH_TAG_LENGTH = 12;
const MAX_TAG_LENGTH = 128;

export interface ParsedRef {
  /** Repository part, e.g. `node`, `library/node`, `localhost:5000/team/app`. */
  name: string;
  tag: string | null;
  digest: string | null;
}

export function parseRef(ref: string): ParsedRef {
  const [withoutDigest = "", digest = null] = ref.split("@", 2);
  const lastSlash = withoutDigest.lastIndexOf("/");
  const lastColon = withoutDigest.lastIndexOf(":");
  // A colon before the last slash is a registry port (`host:5000/x`), not a tag separator.
  if (lastColon > lastSlash) {
    return { name: withoutDigest.slice(0, lastColon), tag: withoutDigest.slice(lastColon + 1), digest };
  }
  return { name: withoutDigest, tag: null, digest };
}

/** `node:20` + hash -> `dockproof/substitute/node:20-<hash12>`. */
export function substituteTag(ref: string, contentHash: string): string {
  const { name, tag, digest } = parseRef(ref);
  const base = tag ?? (digest ? digest.replace(":", "-") : "latest");
  return `${SUBSTITUTE_NAMESPACE}${sanitizeName(name)}:${withHash(base, contentHash)}`;
}

/** Harness-owned images already live in our namespace: `dockproof/probe` -> `dockproof/probe:<hash12>`. */
export function harnessTag(ref: string, contentHash: string): string {
  const { name, tag } = parseRef(ref);
  if (!name.startsWith(DOCKPROOF_NAMESPACE)) {
    throw new RangeError(`Harness images must be named ${DOCKPROOF_NAMESPACE}*, received "${ref}"`);
  }
  return `${sanitizeName(name)}:${tag ? withHash(tag, contentHash) : shortHash(contentHash)}`;
}

export function shortHash(contentHash: string): string {
  if (!/^[0-9a-f]{12,}$/.test(contentHash)) {
    throw new RangeError(`Expected a lowercase hex content hash, received "${contentHash}"`);
  }
  return contentHash.slice(0, HASH_TAG_LENGTH);
}

/** Repository path components allow only [a-z0-9] joined by `.`, `_`, `-` and `/`. */
function sanitizeName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9._/-]+/g, "-")
    .replace(/\/{2,}/g, "/");
}

function withHash(tag: string, contentHash: string): string {
  const suffix = `-${shortHash(contentHash)}`;
  const safeTag = tag.replace(/[^A-Za-z0-9_.-]+/g, "-").slice(0, MAX_TAG_LENGTH - suffix.length);
  return `${safeTag}${suffix}`;
}
