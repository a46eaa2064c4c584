/**
 * Which keys a mapping at a document path may have, read from the zod schema itself, so an
 * "unknown key" message can list the allowed ones without a hand-kept copy of the schema.
 */
import type { z } from "zod";
import type { DocPath } from "./problem.js";
import { isRecord, valueAt } from "./raw-data.js";

type Schema = z.core.$ZodType;
// The slice of zod's public `_zod.def` introspection data this walker reads.
interface Def {
  type: string;
  innerType?: Schema;
  in?: Schema;
  shape?: Record<string, Schema>;
  element?: Schema;
  items?: Schema[];
  options?: Schema[];
  values?: unknown[];
  entries?: Record<string, unknown>;
}

const defOf = (schema: Schema) => schema._zod.def as unknown as Def;
const WRAPPERS = new Set(["optional", "default", "prefault", "nullable", "readonly", "catch", "nonoptional"]);

function unwrap(schema: Schema): Schema {
  for (;;) {
    const def = defOf(schema);
    if (WRAPPERS.has(def.type) && def.innerType) schema = def.innerType;
    else if (def.type === "pipe" && def.in) schema = def.in;
    else return schema;
  }
}

/** Literal values a schema accepts, if it is a literal or enum (discriminators). */
function literalValues(schema: Schema): unknown[] | undefined {
  const def = defOf(unwrap(schema));
  if (def.type === "literal") return def.values;
  if (def.type === "enum" && def.entries) return Object.values(def.entries);
  return undefined;
}

const flatOptions = (options: Schema[]): Schema[] =>
  options.flatMap((option) => {
    const def = defOf(unwrap(option));
    return def.type === "union" && def.options ? flatOptions(def.options) : [option];
  });

/** The union option that fits `value` best: discriminators must match, then most keys shared. */
function pickOption(options: Schema[], value: unknown): Schema | undefined {
  const keys = isRecord(value) ? Object.keys(value) : [];
  let best: { option: Schema; score: number } | undefined;
  for (const option of flatOptions(options)) {
    const shape = defOf(unwrap(option)).shape;
    if (!shape) continue;
    const mismatch = Object.entries(shape).some(([key, field]) => {
      const literals = literalValues(field);
      return literals !== undefined && isRecord(value) && key in value && !literals.includes(value[key]);
    });
    if (mismatch) continue;
    const score = keys.filter((key) => key in shape).length;
    if (score > (best?.score ?? 0)) best = { option, score };
  }
  return best?.option;
}

function resolve(schema: Schema, value: unknown): Schema | undefined {
  const inner = unwrap(schema);
  const def = defOf(inner);
  if (def.type !== "union" || !def.options) return inner;
  const picked = pickOption(def.options, value);
  return picked && resolve(picked, value);
}

/** Allowed keys of the mapping at `path` in `root`, or undefined if the schema has no mapping there. */
export function allowedKeys(schema: Schema, path: DocPath, root: unknown): string[] | undefined {
  let current: Schema | undefined = schema;
  let value = root;
  for (const part of path) {
    current = current && resolve(current, value);
    if (!current) return undefined;
    const def = defOf(current);
    if (def.shape && typeof part === "string") current = def.shape[part];
    else if (def.element && typeof part === "number") current = def.element;
    else if (def.items && typeof part === "number") current = def.items[part];
    else return undefined;
    value = valueAt(value, [part]);
  }
  const shape = current && defOf(resolve(current, value) ?? current).shape;
  return shape ? Object.keys(shape) : undefined;
}
