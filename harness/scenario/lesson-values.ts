/**
 * A value a step uses, taken from the lesson line that states it: in any text field a check or a run step's
 * expectation has (`target`, `hostname`, `expect.stdout.contains`, …), `{ lesson: N }` is lesson line N's text,
 * `{ lesson: N, match: "re" }` what the pattern's first group (or whole match) finds there, and with
 * `as: "mongodb://localhost:$1"` that text made from the pattern's groups ($1…$9). The loader puts the text
 * in before the schema reads the step, so an edited connection string in the lesson is what the check uses, and a
 * wrong one fails by execution; the line is followed like every other reference (lesson-references.ts).
 */
import { checkFor } from "../checks/index.js";
import { redactPasswords } from "../checks/target.js";
import type { LessonSource } from "../lesson/lesson-source.js";
import { PROBLEM_CODES, type DocPath, type PathProblem, pathKey } from "./problem.js";
import { isRecord, rawSteps, valueAt } from "./raw-data.js";
import { RUN_STEP_VARIABLE_FIELDS } from "./step-schema.js";

export interface LessonValue {
  /** Where the `{ lesson: N }` stood in the step ("steps", 3, "target"). */
  path: DocPath;
  /** The lesson line it comes from, as the lesson is now. */
  line: number;
  match: string | null;
  /** What the step uses. */
  value: string;
  /**
   * Set when the line changed since the scenario was fixed and no longer shows what the pattern looks for: the step
   * cannot take its value, so it does not run and is for review (`value` is then the one the old text gave, for the
   * schema only).
   */
  review?: string;
}

const VALUE_KEYS = new Set(["lesson", "match", "as"]);
const isLessonValue = (value: unknown): value is { lesson: unknown; match?: unknown; as?: unknown } =>
  isRecord(value) && "lesson" in value && Object.keys(value).every((key) => VALUE_KEYS.has(key));

/** The text fields of a step, by dotted path: a run step's expectation texts, or its check kind's `${…}` fields. */
function textFields(step: Record<string, unknown>): readonly string[] {
  if ("run" in step) return RUN_STEP_VARIABLE_FIELDS;
  return typeof step.check === "string" ? (checkFor(step.check)?.variableFields ?? []) : [];
}

/** Every `{ lesson: N, match? }` in a text field of a step (a list field's items each). */
export function lessonValuePaths(root: unknown): DocPath[] {
  return rawSteps(root).flatMap((step, index): DocPath[] => {
    if (!isRecord(step)) return [];
    return textFields(step).flatMap((field): DocPath[] => {
      const path = ["steps", index, ...field.split(".")];
      const value = valueAt(root, path);
      if (isLessonValue(value)) return [path];
      return Array.isArray(value) ? value.flatMap((item, item_) => (isLessonValue(item) ? [[...path, item_]] : [])) : [];
    });
  });
}

function compiled(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern);
  } catch {
    return null;
  }
}

/**
 * The text `pattern` takes out of `text` — its first group, else the whole match; with `template`, the template with
 * $1…$9 replaced by the groups — or null when it does not match. `start`/`end` span what it took from the line.
 */
export function matchedValue(
  pattern: string | null,
  text: string,
  template: string | null = null,
): { value: string; start: number; end: number } | null {
  if (pattern === null) return { value: text.trim(), start: 0, end: text.length };
  const found = compiled(pattern)?.exec(text);
  if (!found) return null;
  const taken = found[1] ?? found[0];
  const start = found.index + (found[1] === undefined ? 0 : found[0].indexOf(found[1]));
  const value = template === null ? taken : template.replace(/\$(\d)/g, (_, group: string) => found[Number(group)] ?? "");
  return { value, start, end: start + taken.length };
}

/** `text` with the part the value came from blanked: two versions of a claim line that differ only there say the same. */
export function withoutValue(pattern: string | null, text: string): string | null {
  const found = matchedValue(pattern, text);
  return found ? `${text.slice(0, found.start)}\u0000${text.slice(found.end)}` : null;
}

/**
 * A copy of the raw scenario with each lesson value's text put in, the values, and the problems (a line that does not
 * show what the pattern looks for; a pattern that does not compile). `lines` are the references as followed now.
 */
export function resolveLessonValues(
  root: unknown,
  lines: ReadonlyMap<string, number>,
  source: LessonSource | undefined,
): { root: unknown; values: LessonValue[]; problems: PathProblem[] } {
  const paths = lessonValuePaths(root);
  if (paths.length === 0 || !source) return { root, values: [], problems: [] };
  const copy = structuredClone(root);
  const values: LessonValue[] = [];
  const problems: PathProblem[] = [];
  for (const path of paths) {
    const raw = valueAt(root, path) as { lesson: unknown; match?: unknown; as?: unknown };
    const line = lines.get(pathKey([...path, "lesson"]));
    if (line === undefined) continue; // not a line number, or gone: reported as such already
    if (raw.match !== undefined && (typeof raw.match !== "string" || compiled(raw.match) === null)) {
      const message = `expected \`match\` to be a regular expression (its first group is the value), found ${JSON.stringify(raw.match)}`;
      problems.push({ path: [...path, "match"], code: PROBLEM_CODES.lesson, message });
      continue;
    }
    if (raw.as !== undefined && (typeof raw.as !== "string" || raw.match === undefined)) {
      const message = `expected \`as\` to be a text made from \`match\`'s groups ($1…$9), found ${JSON.stringify(raw.as)}${raw.match === undefined ? " without a `match`" : ""}`;
      problems.push({ path: [...path, "as"], code: PROBLEM_CODES.lesson, message });
      continue;
    }
    const match = typeof raw.match === "string" ? raw.match : null;
    const text = source.text(line);
    const found = matchedValue(match, text, typeof raw.as === "string" ? raw.as : null);
    const wanted = match === null ? "a value" : `what /${match}/ matches`;
    let review: string | undefined;
    let taken = found?.value ?? "";
    if (taken === "") {
      // A line edited since the scenario was fixed is the lesson's change, not a broken scenario: its step is for
      // review (the rest runs), provided the text it was fixed against gave a value.
      const reference = typeof raw.lesson === "number" ? source.resolve(raw.lesson) : null;
      const was = reference?.status === "changed" ? matchedValue(match, reference.was, typeof raw.as === "string" ? raw.as : null) : null;
      if (reference?.status !== "changed" || !was?.value) {
        problems.push({
          path,
          code: PROBLEM_CODES.lesson,
          message: `expected lesson line ${line} to show ${wanted}, found ${JSON.stringify(text.trim())}`,
        });
        continue;
      }
      review = redactPasswords(
        `the value it takes from line ${line} is gone: line ${line} was ${JSON.stringify(reference.was.trim())}, now ${JSON.stringify(text.trim())}, which does not show ${wanted}`,
      );
      taken = was.value;
    }
    const parent = valueAt(copy, path.slice(0, -1)) as Record<string | number, unknown>;
    parent[path.at(-1) as string | number] = taken;
    values.push({ path, line, match, value: taken, ...(review ? { review } : {}) });
  }
  return { root: copy, values, problems };
}
