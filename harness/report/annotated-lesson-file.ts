/** The annotated lesson of a run, written as one HTML page: one section per lesson file the run tested. */
import type { ScenarioPlan } from "../scenario/plan.js";
import { type AnnotatedLesson, annotateLesson } from "./annotated-lesson.js";
import { renderAnnotatedLessonHtml } from "./annotated-lesson-html.js";
import type { RunReport } from "../model/report-types.js";
import { writeText } from "./results-file.js";

export interface AnnotatedRunInput {
  report: RunReport;
  plans: readonly ScenarioPlan[];
  /** Lesson file (as scenarios name it) -> its lines. */
  lessons: ReadonlyMap<string, readonly string[]>;
}

/** The lesson files the run tested, in name order: those whose text was given are annotated, the rest are missing. */
export function annotatedLessons(input: AnnotatedRunInput): { lessons: AnnotatedLesson[]; missing: string[] } {
  const files = new Set([...input.plans.map((plan) => plan.lesson.file), ...input.report.scenarios.map((scenario) => scenario.lesson.file)]);
  files.delete("");
  const lessons: AnnotatedLesson[] = [];
  const missing: string[] = [];
  for (const lesson of [...files].sort()) {
    const lines = input.lessons.get(lesson);
    if (lines) lessons.push(annotateLesson({ lesson, lines, plans: input.plans, report: input.report }));
    else missing.push(lesson);
  }
  return { lessons, missing };
}

/** Writes the page to `file` (its folder is made when missing). */
export async function writeAnnotatedLesson(input: AnnotatedRunInput & { file: string }): Promise<void> {
  const { lessons, missing } = annotatedLessons(input);
  await writeText(input.file, renderAnnotatedLessonHtml(lessons, { report: input.report, missing }));
}
