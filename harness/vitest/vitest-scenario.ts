import type { ImageReport, ScenarioReport } from "../model/report-types.js";
import { scenarioEvidence } from "../report/evidence-words.js";

/** What a lesson test leaves on its vitest task: the scenario's report and the images it ran on. */
export interface ScenarioMeta {
  report: ScenarioReport;
  images: ImageReport[];
}

declare module "vitest" {
  interface TaskMeta {
    /** Set by lesson tests (scenarios/<folder>/<folder>.test.ts); read by LessonSummaryReporter, carried by the json and blob reporters. */
    dockproof?: ScenarioMeta;
  }
}

/** The slice of vitest's TestContext this needs (so it is callable, and testable, without a running test). */
export interface AnnotatingContext {
  task: { meta: { dockproof?: ScenarioMeta } };
  annotate: (message: string, type?: string) => Promise<unknown>;
}

/** The images a scenario ran on: its own refs and the harness's (sandbox daemon, probe), as prepared for this run. */
export function imagesUsed(report: ScenarioReport, prepared: readonly ImageReport[], harnessRefs: readonly string[]): ImageReport[] {
  const refs = new Set([...report.images, ...harnessRefs]);
  return prepared.filter((image) => refs.has(image.ref));
}

/**
 * Hands a scenario's outcome to vitest: structured data as `task.meta.dockproof` (json and blob reporters keep it),
 * and annotations that junit (as <property>), github-actions (as notices) and the default reporter show:
 * one "dockproof" annotation with the verdict, the key evidence in words and the images, and one per finding,
 * typed by the finding's kind, with its lesson line.
 */
export async function recordScenario(context: AnnotatingContext, report: ScenarioReport, images: readonly ImageReport[]): Promise<void> {
  context.task.meta.dockproof = { report, images: [...images] };
  const evidence = scenarioEvidence(report);
  const used = images.map((image) => `${image.ref}${image.substitute ? " (substitute)" : ""}`);
  await context.annotate(
    `${report.status}${evidence.length ? ` · ${evidence.join("; ")}` : ""}${used.length ? ` · images: ${used.join(", ")}` : ""}`,
    "dockproof",
  );
  for (const finding of report.findings) {
    const explanation = finding.explanation ? ` (the scenario's explanation: ${finding.explanation})` : "";
    await context.annotate(`${finding.lessonFile}:${finding.lessonLine ?? "-"} ${finding.text}${explanation}`, finding.kind);
  }
}
