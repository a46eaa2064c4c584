/**
 * Lesson files are untrusted input: the course is often another repository (CI checks it out into `course/`), so a
 * pull request to it can make a lesson a symlink to a host file, a directory or a binary. Only a regular UTF-8
 * text file whose real path is inside the lessons directory is read as a lesson.
 */
import path from "node:path";
import { type FileProblem, readUntrustedFile } from "./untrusted-file.js";

/** Lessons are prose with commands: a few hundred KB at most. Over this, the file is not a lesson. */
export const MAX_LESSON_BYTES = 1024 * 1024;

export type LessonFile = { text: string; lines: string[]; problem?: undefined } | { problem: FileProblem; text?: undefined; lines?: undefined };

/** Index 0 is line 1; the final newline ends the last line, it does not start one. */
export function lessonLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

/** `name` is relative to the lessons directory, as a scenario's `lesson.file` is. */
export function readLessonFile(lessonsDir: string, name: string): LessonFile {
  const root = path.resolve(lessonsDir);
  const read = readUntrustedFile({ label: "lesson file", root, rootName: `the lessons directory ${root}`, maxBytes: MAX_LESSON_BYTES }, name);
  return read.problem ? { problem: read.problem } : { text: read.text, lines: lessonLines(read.text) };
}
