import type { CatalogEntry } from "./types.js";

/** Labels dockproof puts on every image it builds, so `docker image inspect` says what it is. */
export const LABELS = {
  /** The logical ref an upstream stand-in replaces, e.g. `node:20`. */
  substituteFor: "org.dockproof.substitute-for",
  /** The recipe hash; a tag whose label differs is stale and gets rebuilt. */
  contentHash: "org.dockproof.content-hash",
  /** The logical ref the image was built FROM, e.g. `debian:bookworm-slim`. */
  builtFrom: "org.dockproof.built-from",
} as const;

export function labelsFor(entry: CatalogEntry, contentHash: string): Record<string, string> {
  const labels: Record<string, string> = { [LABELS.contentHash]: contentHash };
  if (entry.origin === "upstream") labels[LABELS.substituteFor] = entry.ref;
  const builtFrom = entry.recipe.dependsOn[0];
  if (builtFrom) labels[LABELS.builtFrom] = builtFrom;
  return labels;
}
