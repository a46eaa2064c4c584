/**
 * Every line number a scenario writes (its range, the lines steps run, quote or cite, its known issue, waivers, lesson
 * files) is a hint into the lesson text it was fixed against. Each is followed to the lesson as it is now: moved text
 * is a note, edited text a note and a change the report shows beside the verdict, text that is gone a problem naming
 * the nearest lines. Nothing here reads files; lesson-checks.ts hands in the source.
 */
import type { LessonSource, Reference } from "../lesson/lesson-source.js";
import { differingParts } from "../lesson/line-text.js";
import { CLAIM_FIELDS } from "../checks/step-fields.js";
import { redactPasswords } from "../checks/target.js";
import { lessonValuePaths } from "./lesson-values.js";
import { PROBLEM_CODES, type DocPath, type PathProblem, pathKey } from "./problem.js";
import { type LessonChange, rangeChanges } from "./range-changes.js";

export type { LessonChange } from "./range-changes.js";
import { isRecord, rawSteps, valueAt } from "./raw-data.js";

export interface ResolvedReferences {
  /** Current line for each reference, by its document path (formatPath key). */
  lines: Map<string, number>;
  problems: PathProblem[];
  notes: PathProblem[];
  changes: LessonChange[];
}

export const NOTE_CODES = { moved: "N_LESSON_MOVED", changed: "N_LESSON_CHANGED" } as const;

export { pathKey } from "./problem.js";

const isLine = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 1;
const quote = (text: string) => JSON.stringify(text.trim().length > 70 ? `${text.trim().slice(0, 67)}...` : text.trim());

/** The kinds of references, by how a change to their text is taken. */
type Kind =
  /** The line is what the step runs: a change runs the new text (and is reported). */
  | "runs"
  /** The step holds its own copy of the line (`quotes`): a change makes the copy stale, a problem. */
  | "copy"
  /** The line is pointed at (cites, knownIssue, waives, lesson files): a change is reported. */
  | "points"
  /** The step proves the claim the line makes: a change makes its outcome review until the scenario is updated. */
  | "claim"
  /** A value the step takes from the line (`{ lesson: N }`): a change is reported, and the step uses the new text. */
  | "value"
  /** A range end: follows the nearest surviving line, never fails. */
  | "range";

function referencesOf(root: unknown): Array<{ path: DocPath; hint: number; kind: Kind }> {
  const found: Array<{ path: DocPath; hint: number; kind: Kind }> = [];
  const add = (path: DocPath, kind: Kind): void => {
    const hint = valueAt(root, path);
    if (isLine(hint)) found.push({ path, hint, kind });
  };
  add(["lesson", "lines", 0], "range");
  add(["lesson", "lines", 1], "range");
  add(["knownIssue", "line"], "points");
  const listAt = (path: DocPath) => {
    const value = valueAt(root, path);
    return Array.isArray(value) ? value : [];
  };
  for (const index of listAt(["waives"]).keys()) add(["waives", index, "line"], "points");
  listAt(["lessonFiles"]).forEach((_, index) => {
    add(["lessonFiles", index, "lines", 0], "points");
    add(["lessonFiles", index, "lines", 1], "points");
  });
  rawSteps(root).forEach((step, index) => {
    if (!isRecord(step)) return;
    if (!Array.isArray(step.cites)) add(["steps", index, "cites"], "points");
    else for (const item of step.cites.keys()) add(["steps", index, "cites", item], "points");
    for (const field of CLAIM_FIELDS) {
      const lines = step[field];
      if (!Array.isArray(lines)) add(["steps", index, field], "claim");
      else for (const item of lines.keys()) add(["steps", index, field, item], "claim");
    }
    add(["steps", index, "quotes"], "copy");
    add(["steps", index, "run", "lesson"], "runs");
  });
  for (const path of lessonValuePaths(root)) add([...path, "lesson"], "value");
  return found;
}

function goneProblem(lesson: string, reference: Extract<Reference, { status: "gone" }>): string {
  const was = reference.was.trim() ? ` (${quote(reference.was)})` : "";
  const near = reference.candidates.map((candidate) => `line ${candidate.line} ${quote(candidate.text)}`).join(", ");
  return (
    `expected lesson line ${reference.hint}${was} in ${lesson}, found it gone${near ? `; nearest now: ${near}` : ""}. ` +
    "If the lesson says it elsewhere now, point the reference there; if it no longer says it, remove the reference (or the step); then `dockproof fix` records the lesson as it is"
  );
}

export function resolveReferences(root: unknown, source: LessonSource): ResolvedReferences {
  const resolved: ResolvedReferences = { lines: new Map(), problems: [], notes: [], changes: [] };
  const lineCount = (source.baseline ?? source.lines).length;
  for (const { path, hint, kind } of referencesOf(root)) {
    if (kind === "range") {
      const line = hint > lineCount ? hint : source.resolveNear(hint);
      if (hint > lineCount) {
        resolved.problems.push({
          path,
          code: PROBLEM_CODES.lesson,
          message: `expected a line number 1-${lineCount} of ${source.name}, found ${hint}`,
        });
        continue;
      }
      resolved.lines.set(pathKey(path), line);
      if (line !== hint) resolved.notes.push({ path, code: NOTE_CODES.moved, message: `lesson line ${hint} is now ${line}` });
      continue;
    }
    if (hint > lineCount) {
      resolved.problems.push({ path, code: PROBLEM_CODES.lesson, message: `expected a line number 1-${lineCount} of ${source.name}, found ${hint}` });
      continue;
    }
    const reference = source.resolve(hint);
    if (reference.status === "gone") {
      resolved.problems.push({ path, code: PROBLEM_CODES.lesson, message: goneProblem(source.name, reference) });
      continue;
    }
    resolved.lines.set(pathKey(path), reference.line);
    if (reference.status === "moved") resolved.notes.push({ path, code: NOTE_CODES.moved, message: `lesson line ${hint} is now ${reference.line}` });
    if (reference.status !== "changed") continue;
    const [was, now] = differingParts(reference.was, reference.text);
    const change = `lesson line ${hint}${reference.line === hint ? "" : ` (now ${reference.line})`} changed: was ${JSON.stringify(was)}, now ${JSON.stringify(now)}`;
    if (kind === "copy") {
      const message = `${change}; this step holds its own copy of it: run what the lesson says with \`run: { lesson: ${reference.line} }\`, or update the copy (dockproof fix)`;
      resolved.problems.push({ path, code: PROBLEM_CODES.quote, message });
      continue;
    }
    const consequence =
      kind === "runs"
        ? "; the new text runs"
        : kind === "value"
          ? "; the step uses the new text"
          : kind === "claim"
            ? "; the step that proves it is review until the scenario is updated and `dockproof fix` run"
            : "";
    resolved.notes.push({ path, code: NOTE_CODES.changed, message: redactPasswords(`${change}${consequence}`) });
    resolved.changes.push({ path, hint, line: reference.line, was: reference.was, now: reference.text });
  }
  for (const change of lessonFileChanges(root, source, resolved)) {
    const message = `lesson line ${change.hint}, inside lesson file ${String(valueAt(root, [...change.path, "path"]))}, changed: was ${JSON.stringify(change.was.trim())}, now line ${change.line} ${JSON.stringify(change.now.trim())}; the new text runs`;
    resolved.notes.push({ path: change.path, code: NOTE_CODES.changed, message });
    resolved.changes.push(change);
  }
  return resolved;
}

/** Every line inside each lesson file's range that differs from the text the scenario was fixed against. */
function lessonFileChanges(root: unknown, source: LessonSource, resolved: ResolvedReferences): LessonChange[] {
  const files = valueAt(root, ["lessonFiles"]);
  if (!Array.isArray(files)) return [];
  return files.flatMap((file, index) => {
    const hints = isRecord(file) && Array.isArray(file.lines) ? file.lines : [];
    const [from, to] = [0, 1].map((end) => resolved.lines.get(pathKey(["lessonFiles", index, "lines", end])));
    if (!isLine(hints[0]) || !isLine(hints[1]) || from === undefined || to === undefined) return [];
    // The two ends are references of their own, already followed (and reported when edited) above.
    return rangeChanges(["lessonFiles", index], [hints[0], hints[1]], [from, to], source).filter(
      (change) => change.hint !== hints[0] && change.hint !== hints[1],
    );
  });
}
