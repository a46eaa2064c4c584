/**
 * Ties a scenario to the lesson text it tests: the lesson file and section exist, cited lines are
 * in the file, and a step that `quotes` a line runs exactly that line's command.
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import { type LessonFile, readLessonFile } from "../lesson/lesson-file.js";
import { FILE_PROBLEM_CODES } from "../lesson/untrusted-file.js";
import { didYouMean } from "./did-you-mean.js";
import { PROBLEM_CODES, type PathProblem } from "./problem.js";
import { isRecord, rawSteps, valueAt } from "./raw-data.js";

/** One read per lesson file per load, whatever the number of scenarios citing it. */
export type LessonCache = Map<string, LessonFile>;

const isLine = (value: unknown): value is number => Number.isInteger(value);
// Lower bounds (>= 1) are the schema's to report; only the upper bound depends on the lesson file.

/** Lesson files an author could have meant, for a "not found" message. */
async function lessonFileNames(lessonsDir: string): Promise<string[]> {
  const entries = await readdir(lessonsDir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort();
}

// A line a `run` can quote starts with a program name: not prose ("Kill the container"),
// a numbered step ("1. Create a network"), a Dockerfile instruction ("FROM node:20") or a blank.
const COMMAND_LINE = /^[a-z][a-z0-9._/-]*(\s|$)/;

/** The command a lesson line shows, with the lesson's `<placeholder>` written as `${placeholder}`. */
export function lessonCommand(line: string): string {
  return line.trim().replace(/<([A-Za-z_][A-Za-z0-9_]*)>/g, (_, name: string) => `\${${name}}`);
}

export async function checkLesson(
  root: unknown,
  lessonsDir: string,
  cache: LessonCache = new Map(),
): Promise<{ lessonLines?: string[]; problems: PathProblem[] }> {
  const problems: PathProblem[] = [];
  const report = (where: Array<string | number>, message: string, code: string = PROBLEM_CODES.lesson): void => {
    problems.push({ path: where, code, message });
  };
  const file = valueAt(root, ["lesson", "file"]);
  if (typeof file !== "string" || file === "") return { problems };

  const absolute = path.resolve(lessonsDir, file);
  if (path.isAbsolute(file) || path.relative(lessonsDir, absolute).startsWith("..")) {
    report(["lesson", "file"], `expected a file inside the lessons directory ${lessonsDir}, found ${JSON.stringify(file)}`);
    return { problems };
  }
  const lesson = cache.get(absolute) ?? readLessonFile(lessonsDir, file);
  cache.set(absolute, lesson);
  // A symlink out, a directory, a binary: one problem for the file, and no line of it quoted anywhere.
  if (lesson.problem && lesson.problem.code !== FILE_PROBLEM_CODES.notFound) {
    report(["lesson", "file"], lesson.problem.message, lesson.problem.code);
    return { problems };
  }
  const lines = lesson.lines;
  if (!lines) {
    const names = await lessonFileNames(lessonsDir);
    const guess = didYouMean(file, names);
    const shown = names.length > 10 ? [...names.slice(0, 10), "..."] : names;
    const expected = guess
      ? `; did you mean ${JSON.stringify(guess)}?`
      : names.length
        ? `; expected one of: ${shown.join(", ")}`
        : " (the directory has no lesson files)";
    report(["lesson", "file"], `lesson file ${JSON.stringify(file)} not found in ${lessonsDir}${expected}`);
    return { problems };
  }
  const lineRange = `a line number 1-${lines.length} of ${file}`;

  const section = valueAt(root, ["lesson", "section"]);
  if (typeof section === "string" && section.trim() !== "" && !lines.some((line) => line.trim() === section.trim())) {
    const near = lines.findIndex((line) => line.toLowerCase().includes(section.trim().toLowerCase()));
    const hint = near === -1 ? "" : ` (did you mean ${JSON.stringify(lines[near]?.trim())} at line ${near + 1}?)`;
    report(["lesson", "section"], `expected a line of ${file} (compared trimmed), found ${JSON.stringify(section)}${hint}`);
  }

  const range = valueAt(root, ["lesson", "lines"]);
  if (Array.isArray(range) && range.length === 2 && range.every(isLine)) {
    const [from, to] = range as [number, number];
    for (const [i, line] of [from, to].entries()) {
      if (line > lines.length) report(["lesson", "lines", i], `expected ${lineRange}, found ${line}`);
    }
    if (from > to) report(["lesson", "lines"], `expected [from, to] with from <= to, found [${from}, ${to}]`);
  }

  const checkStep = (step: unknown, index: number) => {
    if (!isRecord(step)) return;
    const cites = Array.isArray(step.cites) ? step.cites : [step.cites];
    for (const [i, line] of cites.entries()) {
      if (isLine(line) && line > lines.length)
        report(["steps", index, "cites", ...(Array.isArray(step.cites) ? [i] : [])], `expected ${lineRange}, found ${line}`);
    }
    const quoted = step.quotes;
    if (!isLine(quoted) || quoted < 1) return; // the schema reports non-line values
    if (quoted > lines.length) return report(["steps", index, "quotes"], `expected ${lineRange}, found ${quoted}`);
    if (typeof step.run !== "string")
      return report(
        ["steps", index, "quotes"],
        "expected `quotes` on a run step only (it names the lesson line whose command the step runs), found it on a `check` step",
      );
    const expected = lessonCommand(lines[quoted - 1] as string);
    if (!COMMAND_LINE.test(expected)) {
      const found =
        expected === ""
          ? "an empty line"
          : `text that is not a command: ${JSON.stringify(expected.length > 60 ? `${expected.slice(0, 57)}...` : expected)}`;
      return report(
        ["steps", index, "quotes"],
        `expected lesson line ${quoted} to show a command for \`run\` to match verbatim, found ${found}`,
        PROBLEM_CODES.quote,
      );
    }
    if (step.run.trim() !== expected) {
      report(
        ["steps", index, "run"],
        `expected the command of lesson line ${quoted} verbatim: ${JSON.stringify(expected)}, found ${JSON.stringify(step.run)}`,
        PROBLEM_CODES.quote,
      );
    }
  };
  for (const [index, step] of rawSteps(root).entries()) checkStep(step, index);
  return { lessonLines: lines, problems };
}
