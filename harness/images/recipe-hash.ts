import { createHash } from "node:crypto";

/**
 * Bump when the meaning of recipe inputs changes in a way the inputs themselves do not show
 * (e.g. the build procedure around them), so every cached image is rebuilt once.
 */
export const RECIPE_FORMAT = 1;

export type HashableValue = string | number | boolean | null | HashableValue[] | { [key: string]: HashableValue | undefined };

/**
 * Content hash of everything a recipe consumes. Keys are sorted so that the order in which a
 * recipe happens to list its inputs never changes the hash; array order is kept because it is
 * meaningful (package lists install in order, Dockerfile lines run in order).
 */
export function recipeHash(inputs: { [key: string]: HashableValue | undefined }): string {
  return createHash("sha256")
    .update(canonicalJson({ recipeFormat: RECIPE_FORMAT, ...inputs }))
    .digest("hex");
}

export function canonicalJson(value: HashableValue | undefined): string {
  if (value === undefined) return "null";
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value)) {
      throw new TypeError(`Recipe inputs must be finite numbers, received ${value}`);
    }
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(",")}]`;
  const entries = Object.entries(value)
    .filter((entry) => entry[1] !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
}

/** sha256 of file contents or text, for inputs that are too large to hash as literal values. */
export function sha256(content: string | Uint8Array): string {
  return createHash("sha256").update(content).digest("hex");
}
