/** What `dockproof run` writes after a run: the JSON report, the results file, the Markdown summary, the annotated lesson. */
import { appendFile } from "node:fs/promises";
import path from "node:path";
import { readLessonFile } from "../lesson/lesson-file.js";
import type { Coverage } from "../lesson/coverage.js";
import { junitXml } from "../report/junit-report.js";
import { runLedgers } from "../report/run-ledger.js";
import { annotatedLessons, writeAnnotatedLesson } from "../report/annotated-lesson-file.js";
import { lessonLineReader, renderMarkdownSummary } from "../report/markdown-summary.js";
import type { RunReport } from "../model/report-types.js";
import { type ResultsFile, toResults, writeResults, writeText } from "../report/results-file.js";
import type { ScenarioPlan } from "../scenario/plan.js";
import { githubAnnotations } from "./github-annotations.js";

export interface RunOutputs {
  json: string | null;
  results: string;
  summary: string | null;
  html: string | null;
  junit: string | null;
  lessonsDir: string;
}

/** Each lesson file the plans test, read once (as untrusted input: a file that is not a lesson is left out). */
function lessonTexts(plans: readonly ScenarioPlan[], lessonsDir: string): Map<string, readonly string[]> {
  const lessons = new Map<string, readonly string[]>();
  for (const file of new Set(plans.map((plan) => plan.lesson.file))) {
    const lines = readLessonFile(lessonsDir, file).lines;
    if (lines) lessons.set(file, lines);
  }
  return lessons;
}

export async function writeRunOutputs(
  report: RunReport,
  plans: readonly ScenarioPlan[],
  outputs: RunOutputs,
): Promise<{ results: ResultsFile; ledgers: Coverage[] }> {
  if (outputs.json) await writeText(outputs.json, `${JSON.stringify(report, null, 2)}\n`);
  const results = toResults(report);
  await writeResults(outputs.results, results);
  const stepSummary = process.env.GITHUB_STEP_SUMMARY;
  const lessons = lessonTexts(plans, outputs.lessonsDir);
  // What the run proved of each lesson, counted once for every headline (console, Markdown, JUnit).
  const ledgers = runLedgers(report.scenarios, lessons);
  if (outputs.summary || stepSummary) {
    const annotated = annotatedLessons({ report, plans, lessons }).lessons;
    const markdown = renderMarkdownSummary(report, { lessonLine: lessonLineReader(outputs.lessonsDir), annotated, ledgers });
    if (outputs.summary) await writeText(outputs.summary, markdown);
    if (stepSummary) await appendFile(stepSummary, `${markdown}\n`);
  }
  if (outputs.junit) await writeText(outputs.junit, junitXml(report, ledgers));
  if (outputs.html) await writeAnnotatedLesson({ report, plans, lessons, file: outputs.html });
  // In GitHub Actions, with the lessons checked out in the workspace, findings land on the lesson's own lines.
  const workspace = process.env.GITHUB_ACTIONS === "true" ? process.env.GITHUB_WORKSPACE : undefined;
  if (workspace) for (const line of githubAnnotations(report, path.relative(workspace, outputs.lessonsDir))) process.stdout.write(`${line}\n`);
  return { results, ledgers };
}
