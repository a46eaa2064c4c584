/**
 * Ties a scenario to the lesson text it tests: the lesson file is read (as untrusted input) with the baseline its
 * line numbers were fixed against, the section heading is found, every line reference is followed to the lesson as
 * it is now (lesson-references.ts), and the commands steps run from the lesson are read off their lines.
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import { findBaselineDir, readBaseline } from "../lesson/baseline.js";
import { readLessonFile } from "../lesson/lesson-file.js";
import { LessonSource } from "../lesson/lesson-source.js";
import { findHeading } from "../lesson/lesson-sections.js";
import { lessonMarkup } from "../lesson/lesson-markup.js";
import { nearestLines } from "../lesson/line-text.js";
import { FILE_PROBLEM_CODES } from "../lesson/untrusted-file.js";
import { didYouMean } from "./did-you-mean.js";
import { type LessonChange, NOTE_CODES, pathKey, resolveReferences } from "./lesson-references.js";
import { PROBLEM_CODES, type PathProblem } from "./problem.js";
import { isRecord, rawSteps, valueAt } from "./raw-data.js";

/** One read per lesson file (and per baseline) per load, whatever the number of scenarios citing it. */
export type LessonCache = Map<string, LessonSource | PathProblem>;

/** Tags an HTML line opens without closing them: never a placeholder. */
const HTML_VOID_TAGS = new Set(["br", "hr", "img", "meta", "link", "input", "html", "head", "body"]);

/**
 * A command as a lesson line shows it (a `$ ` prompt stripped), with the lesson's `<placeholder>` written as
 * `${placeholder}`. HTML in a command (`echo "<h1>Hello</h1>" > site/index.html`) stays as written: a name closed
 * later in the line (`</h1>`) or a void tag is markup, not a placeholder.
 */
export function lessonCommand(command: string): string {
  const text = command.trim().replace(/^\$\s+/, "");
  return text.replace(/<([A-Za-z_][A-Za-z0-9_]*)>/g, (tag, name: string) =>
    text.includes(`</${name}>`) || HTML_VOID_TAGS.has(name.toLowerCase()) ? tag : `\${${name}}`,
  );
}

/** A command a step runs from the lesson: the line it is on now and its text, as the step will run it. */
export interface LessonCommand {
  line: number;
  text: string;
}

export interface LessonFacts {
  source?: LessonSource;
  /** Current line of every reference, by document path (see pathKey). */
  lines: Map<string, number>;
  /** The section heading as it reads now (a renamed heading is followed). */
  section?: string;
  changes: LessonChange[];
  problems: PathProblem[];
  notes: PathProblem[];
}

/** Lesson files an author could have meant, for a "not found" message. */
async function lessonFileNames(lessonsDir: string): Promise<string[]> {
  const entries = await readdir(lessonsDir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort();
}

async function notFound(file: string, lessonsDir: string): Promise<string> {
  const names = await lessonFileNames(lessonsDir);
  const guess = didYouMean(file, names);
  const shown = names.length > 10 ? [...names.slice(0, 10), "..."] : names;
  const expected = guess
    ? `; did you mean ${JSON.stringify(guess)}?`
    : names.length
      ? `; expected one of: ${shown.join(", ")}`
      : " (the directory has no lesson files)";
  return `lesson file ${JSON.stringify(file)} not found in ${lessonsDir}${expected}`;
}

/** The lesson and its baseline as one source, or the one problem that stops it (a bad file is never quoted). */
async function loadSource(file: string, scenarioFile: string, lessonsDir: string, cache: LessonCache): Promise<LessonSource | PathProblem> {
  const baselineDir = findBaselineDir(scenarioFile);
  const key = `${path.resolve(lessonsDir, file)}|${baselineDir ?? ""}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const at = ["lesson", "file"];
  const lesson = readLessonFile(lessonsDir, file);
  const baseline = baselineDir ? readBaseline(baselineDir, file) : null;
  let result: LessonSource | PathProblem;
  if (lesson.problem && lesson.problem.code !== FILE_PROBLEM_CODES.notFound)
    result = { path: at, code: lesson.problem.code, message: lesson.problem.message };
  else if (!lesson.lines) result = { path: at, code: PROBLEM_CODES.lesson, message: await notFound(file, lessonsDir) };
  else if (baseline?.problem) result = { path: at, code: baseline.problem.code, message: `the baseline of this lesson: ${baseline.problem.message}` };
  else result = new LessonSource(file, lesson.lines, baseline?.lines ?? null);
  cache.set(key, result);
  return result;
}

function resolveSection(root: unknown, source: LessonSource, facts: LessonFacts): void {
  const section = valueAt(root, ["lesson", "section"]);
  if (typeof section !== "string" || section.trim() === "") return;
  const wanted = section.trim();
  if (findHeading(source.lines, wanted) !== undefined) {
    facts.section = wanted;
    return;
  }
  // A heading that was edited is followed from where it was in the baseline, named now as the scenario named it.
  const before = source.baseline ? findHeading(source.baseline, wanted) : undefined;
  const followed = before !== undefined ? source.resolve(before) : undefined;
  if (followed && followed.status !== "gone") {
    const heading = lessonMarkup(source.lines).headings.get(followed.line);
    const byTitle = source.baseline?.[(before ?? 0) - 1]?.trim() !== wanted;
    facts.section = byTitle && heading ? heading.title : followed.text.trim();
    facts.notes.push({
      path: ["lesson", "section"],
      code: NOTE_CODES.changed,
      message: `section heading ${JSON.stringify(wanted)} now reads ${JSON.stringify(facts.section)} (line ${followed.line})`,
    });
    return;
  }
  const [near] = nearestLines(source.lines, wanted, 1);
  const hint = near ? ` (did you mean ${JSON.stringify(near.text)} at line ${near.line}?)` : "";
  facts.problems.push({
    path: ["lesson", "section"],
    code: PROBLEM_CODES.lesson,
    message: `expected a line of ${source.name} (compared trimmed), found ${JSON.stringify(section)}${hint}`,
  });
}

/** What the step at `index` runs with `run: { lesson: N }`: the command its line shows now; null for any other step. */
export function lessonCommandOfStep(facts: LessonFacts, index: number): LessonCommand | null {
  const line = facts.lines.get(pathKey(["steps", index, "run", "lesson"]));
  const command = line === undefined ? undefined : facts.source?.command(line);
  return line === undefined || command === undefined ? null : { line, text: lessonCommand(command) };
}

/** A step with `run: { lesson: N }` needs a command on that line; a `quotes` step's own copy is checked against its line. */
function readCommands(root: unknown, source: LessonSource, facts: LessonFacts): void {
  rawSteps(root).forEach((step, index) => {
    if (!isRecord(step)) return;
    const runLine = facts.lines.get(pathKey(["steps", index, "run", "lesson"]));
    if (runLine !== undefined && source.command(runLine) === undefined) {
      const message = `expected lesson line ${runLine} to show a command for the step to run, found ${JSON.stringify(source.text(runLine).trim() || "an empty line")}`;
      facts.problems.push({ path: ["steps", index, "run", "lesson"], code: PROBLEM_CODES.quote, message });
    }
    const quoted = facts.lines.get(pathKey(["steps", index, "quotes"]));
    if (quoted === undefined) return;
    if (typeof step.run !== "string") {
      const message =
        "check" in step
          ? "expected `quotes` on a run step only (it names the lesson line whose command the step runs), found it on a `check` step"
          : "expected `quotes` with a `run` text of the step's own; `run: { lesson: N }` runs the lesson's line itself";
      facts.problems.push({ path: ["steps", index, "quotes"], code: PROBLEM_CODES.lesson, message });
      return;
    }
    const text = source.text(quoted);
    const command = source.command(quoted);
    if (command === undefined) {
      const found =
        text.trim() === ""
          ? "an empty line"
          : `text that is not a command: ${JSON.stringify(text.trim().length > 60 ? `${text.trim().slice(0, 57)}...` : text.trim())}`;
      facts.problems.push({
        path: ["steps", index, "quotes"],
        code: PROBLEM_CODES.quote,
        message: `expected lesson line ${quoted} to show a command for \`run\` to match verbatim, found ${found}`,
      });
    } else if (step.run.trim() !== lessonCommand(command)) {
      const message = `expected the command of lesson line ${quoted} verbatim: ${JSON.stringify(lessonCommand(command))}, found ${JSON.stringify(step.run)}`;
      facts.problems.push({ path: ["steps", index, "run"], code: PROBLEM_CODES.quote, message });
    }
  });
}

export async function checkLesson(root: unknown, scenarioFile: string, lessonsDir: string, cache: LessonCache = new Map()): Promise<LessonFacts> {
  const facts: LessonFacts = { lines: new Map(), changes: [], problems: [], notes: [] };
  const file = valueAt(root, ["lesson", "file"]);
  if (typeof file !== "string" || file === "") return facts;
  const absolute = path.resolve(lessonsDir, file);
  if (path.isAbsolute(file) || path.relative(lessonsDir, absolute).startsWith("..")) {
    facts.problems.push({
      path: ["lesson", "file"],
      code: PROBLEM_CODES.lesson,
      message: `expected a file inside the lessons directory ${lessonsDir}, found ${JSON.stringify(file)}`,
    });
    return facts;
  }
  const source = await loadSource(file, scenarioFile, lessonsDir, cache);
  // A symlink out, a directory, a binary: one problem for the file, and no line of it quoted anywhere.
  if (!(source instanceof LessonSource)) {
    facts.problems.push(source);
    return facts;
  }
  facts.source = source;
  resolveSection(root, source, facts);
  const references = resolveReferences(root, source);
  Object.assign(facts, { lines: references.lines, changes: references.changes });
  facts.problems.push(...references.problems);
  facts.notes.push(...references.notes);
  const range = valueAt(root, ["lesson", "lines"]);
  if (Array.isArray(range) && range.length === 2 && typeof range[0] === "number" && typeof range[1] === "number" && range[0] > range[1]) {
    facts.problems.push({
      path: ["lesson", "lines"],
      code: PROBLEM_CODES.lesson,
      message: `expected [from, to] with from <= to, found [${range[0]}, ${range[1]}]`,
    });
  }
  readCommands(root, source, facts);
  return facts;
}
