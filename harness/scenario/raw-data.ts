/**
 * Semantic checks read the raw YAML data, not zod's output, so they still run (and report) when
 * some other part of the file fails the schema. These helpers read it without trusting its shape.
 */
import type { DocPath } from "./problem.js";

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The value at `path`, or undefined when any part of the way is missing or not a container. */
export function valueAt(root: unknown, path: DocPath): unknown {
  let value = root;
  for (const part of path) value = isRecord(value) || Array.isArray(value) ? (value as Record<string | number, unknown>)[part] : undefined;
  return value;
}

/** The raw `steps` list, or [] when it is not a list. */
export function rawSteps(root: unknown): unknown[] {
  const steps = valueAt(root, ["steps"]);
  return Array.isArray(steps) ? steps : [];
}
