import { ledgerHeadline, runLedgersFrom } from "../report/run-ledger.js";
import { appendFile } from "node:fs/promises";
import { relative, resolve } from "node:path";
import type { Reporter, TestModule, Vitest } from "vitest/node";
import type { ImageReport, ScenarioReport } from "../model/report-types.js";
import { lessonLineReader, renderMarkdownSummary, type SummaryInput } from "../report/markdown-summary.js";
import { junitXml } from "../report/junit-report.js";
import { DEFAULT_RESULTS, resultKey, toResults, writeResults, writeText } from "../report/results-file.js";
import type { ScenarioMeta } from "./vitest-scenario.js";
import { defaultLessonsDir } from "../support/paths.js";

export interface LessonSummaryOptions {
  /** Markdown summary; default reports/summary.md (under vitest's root); false for none. */
  summaryFile?: string | false;
  /** Results file for `dockproof diff`; default reports/results.json; false for none. */
  resultsFile?: string | false;
  /** JUnit XML from the scenario reports (<error> for machine faults, which vitest's junit cannot tell apart); default reports/lessons.junit.xml; false for none. */
  junitFile?: string | false;
  /** Append the summary to $GITHUB_STEP_SUMMARY when that is set; default true. */
  stepSummary?: boolean;
  /** Where lesson lines are quoted from; default as the CLI (DOCKPROOF_LESSONS or ../shared/lessons). */
  lessonsDir?: string;
}

/**
 * The scenario reports and images lesson tests left in their task meta, one per scenario file and engine (the last
 * wins): a scenario run on two engines is two results, as `dockproof run` writes them.
 */
export function collectScenarioMeta(testModules: ReadonlyArray<TestModule>): SummaryInput {
  const scenarios = new Map<string, ScenarioReport>();
  const images = new Map<string, ImageReport>();
  for (const module of testModules) {
    for (const test of module.children.allTests()) {
      const meta = (test.meta() as { dockproof?: ScenarioMeta }).dockproof;
      if (!meta) continue;
      scenarios.set(resultKey(meta.report.file, meta.report.engine?.name ?? ""), meta.report);
      for (const image of meta.images) images.set(image.ref, image);
    }
  }
  return { durationMs: null, images: [...images.values()], scenarios: [...scenarios.values()] };
}

/**
 * The one thing vitest's own reporters do not do: the lesson-by-lesson Markdown summary (and the small results
 * file `dockproof diff` compares), built from the task meta lesson tests record. Works on a live run and on
 * `vitest --merge-reports` of shard blobs alike. Writes nothing when no lesson test ran.
 */
export default class LessonSummaryReporter implements Reporter {
  private root = process.cwd();

  constructor(private readonly options: LessonSummaryOptions = {}) {}

  onInit(vitest: Vitest): void {
    this.root = vitest.config.root;
  }

  async onTestRunEnd(testModules: ReadonlyArray<TestModule>): Promise<void> {
    const input = collectScenarioMeta(testModules);
    if (input.scenarios.length === 0) return;
    const lessonsDir = this.options.lessonsDir ?? defaultLessonsDir();
    // Each lesson's claims and commands, counted once for the Markdown and JUnit headlines and the line printed here.
    const ledgers = runLedgersFrom(input.scenarios, lessonsDir);
    const summary = renderMarkdownSummary(input, { lessonLine: lessonLineReader(lessonsDir), ledgers });
    const written: string[] = [];
    const summaryFile = this.options.summaryFile ?? "reports/summary.md";
    if (summaryFile !== false) {
      const file = resolve(this.root, summaryFile);
      await writeText(file, summary);
      written.push(relative(process.cwd(), file));
    }
    const resultsFile = this.options.resultsFile ?? DEFAULT_RESULTS;
    if (resultsFile !== false) {
      const file = resolve(this.root, resultsFile);
      await writeResults(file, toResults(input));
      written.push(relative(process.cwd(), file));
    }
    const junitFile = this.options.junitFile ?? "reports/lessons.junit.xml";
    if (junitFile !== false) {
      const file = resolve(this.root, junitFile);
      await writeText(file, junitXml(input, ledgers));
      written.push(relative(process.cwd(), file));
    }
    const stepSummary = process.env.GITHUB_STEP_SUMMARY;
    if (this.options.stepSummary !== false && stepSummary) await appendFile(stepSummary, `${summary}\n`);
    for (const ledger of ledgers) process.stdout.write(`\n${ledgerHeadline(ledger)}`);
    if (written.length > 0) process.stdout.write(`\nlesson summary: ${written.join(", ")}\n`);
  }
}
