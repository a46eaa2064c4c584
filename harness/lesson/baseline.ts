/**
 * The lesson text a folder of scenarios was last fixed against (`dockproof fix`): one copy per lesson file in a
 * `lesson-baselines/` folder, the nearest one above a scenario file. Line numbers in those scenarios refer to that
 * text, so when the lesson is edited they are followed through a diff instead of breaking.
 */
import { existsSync, statSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { type LessonFile, readLessonFile } from "./lesson-file.js";
import { FILE_PROBLEM_CODES } from "./untrusted-file.js";

export const BASELINE_DIR = "lesson-baselines";

/** The nearest `lesson-baselines/` folder at or above the scenario file's folder, or null. */
export function findBaselineDir(scenarioFile: string): string | null {
  let dir = path.dirname(path.resolve(scenarioFile));
  for (;;) {
    const candidate = path.join(dir, BASELINE_DIR);
    if (existsSync(candidate) && statSync(candidate).isDirectory()) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** The baseline of one lesson file: its lines, none (never fixed), or a problem (read by the lesson rules). */
export function readBaseline(baselineDir: string, lessonName: string): LessonFile | null {
  const read = readLessonFile(baselineDir, lessonName);
  return read.problem?.code === FILE_PROBLEM_CODES.notFound ? null : read;
}

export async function writeBaseline(baselineDir: string, lessonName: string, text: string): Promise<string> {
  const file = path.join(baselineDir, lessonName);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
  return file;
}
