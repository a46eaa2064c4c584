/**
 * `${name}`: a value an earlier step captured. The one place such references are found and filled in — in a step's
 * text fields, named by dotted paths ("target", "logs.contains"; a field may hold a string or a list of strings) and
 * in plain text. The loader reads them to check each name was captured earlier; the runner expands them, and only
 * them, before a step runs. In command lines they are tokens' parts (command-line.ts), filled in with lookupVariable.
 */
import { DockproofError } from "../support/errors.js";

type Path = Array<string | number>;

export const VARIABLE_NAME = "[A-Za-z_][A-Za-z0-9_]*";
const TEXT_VARIABLE = new RegExp(`\\$\\{(${VARIABLE_NAME})\\}`, "g");

export class UndefinedVariableError extends DockproofError {
  constructor(readonly variable: string) {
    super("E_UNDEFINED_VARIABLE", `\${${variable}} is not defined: no earlier step captured it`);
  }
}

/** The captured value of `name`; UndefinedVariableError when no earlier step captured it. */
export function lookupVariable(vars: Record<string, string>, name: string): string {
  const value = Object.hasOwn(vars, name) ? vars[name] : undefined;
  if (value === undefined) throw new UndefinedVariableError(name);
  return value;
}

/** `${name}` references in a non-command field (no quoting rules apply there). */
export function textVariables(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(TEXT_VARIABLE), (m) => m[1] as string))];
}

export function expandText(text: string, vars: Record<string, string>): string {
  return text.replace(TEXT_VARIABLE, (_, name: string) => lookupVariable(vars, name));
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Every text at `fields` in `step`, with its path (list items get their index). */
export function variableFieldTexts(step: unknown, fields: readonly string[]): Array<{ path: Path; text: string }> {
  const found: Array<{ path: Path; text: string }> = [];
  for (const field of fields) {
    const keys = field.split(".");
    let value: unknown = step;
    for (const key of keys) value = isRecord(value) ? value[key] : undefined;
    if (typeof value === "string") found.push({ path: keys, text: value });
    if (!Array.isArray(value)) continue;
    for (const [index, item] of value.entries()) if (typeof item === "string") found.push({ path: [...keys, index], text: item });
  }
  return found;
}

/** A copy of `step` with each text at `fields` passed through `expand`; everything else is shared, untouched. */
export function expandVariableFields<T>(step: T, fields: readonly string[], expand: (text: string) => string): T {
  const copy = structuredClone(step);
  for (const field of fields) {
    const keys = field.split(".");
    const last = keys.pop() as string;
    let parent: unknown = copy;
    for (const key of keys) parent = isRecord(parent) ? parent[key] : undefined;
    if (!isRecord(parent)) continue;
    const value = parent[last];
    if (typeof value === "string") parent[last] = expand(value);
    else if (Array.isArray(value)) parent[last] = value.map((item) => (typeof item === "string" ? expand(item) : item));
  }
  return copy;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** `scheme://userinfo@rest`: the userinfo is where a URI wants its reserved characters percent-encoded. */
const URI_WITH_USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)@(.*)$/is;

/** A target with its values filled in; in a URI's user and password each value is percent-encoded. */
function expandTarget(text: string, lookup: (name: string) => string): string {
  const plain = (part: string) => part.replace(TEXT_VARIABLE, (_, name: string) => lookup(name));
  const uri = URI_WITH_USERINFO.exec(text);
  if (!uri) return plain(text);
  const [, scheme, userinfo, rest] = uri as unknown as [string, string, string, string];
  return `${scheme}${userinfo.replace(TEXT_VARIABLE, (_, name: string) => encodeURIComponent(lookup(name)))}@${plain(rest)}`;
}

/**
 * `step` with `${name}` filled in at `fields` from `variables`. A value always stands for itself: in a `matches`
 * pattern it is escaped, so a captured "1.2" matches only "1.2"; in a target URI's `user:password@` it is
 * percent-encoded, so a captured password "p@ss:1" is that password (an output text keeps it as it is printed).
 * `lookup` throws for a name with no value.
 */
export function expandStepTexts<T>(step: T, fields: readonly string[], lookup: (name: string) => string): T {
  const isPattern = (field: string) => field === "matches" || field.endsWith(".matches");
  const isTarget = (field: string) => field === "target" || field.endsWith(".target");
  const targets = expandVariableFields(step, fields.filter(isTarget), (text) => expandTarget(text, lookup));
  const plain = expandVariableFields(
    targets,
    fields.filter((field) => !isPattern(field) && !isTarget(field)),
    (text) => text.replace(TEXT_VARIABLE, (_, name: string) => lookup(name)),
  );
  return expandVariableFields(plain, fields.filter(isPattern), (text) =>
    text.replace(TEXT_VARIABLE, (_, name: string) => escapeRegExp(lookup(name))),
  );
}
