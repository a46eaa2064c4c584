/**
 * The report of a scenario this machine cannot run (an image it cannot have, a tool its engine lacks): skipped, each
 * step skipped with the reason, the reason as an environment-limitation finding at the lesson's lines. It proves
 * nothing about the lesson either way.
 */
import type { EngineReport, ScenarioReport } from "../model/report-types.js";
import type { ScenarioPlan } from "../scenario/plan.js";
import { reportBase, scenarioReportBase } from "./run-steps.js";

export function skippedReport(
  plan: ScenarioPlan,
  engine: EngineReport,
  /** The whole reason, for the finding. */
  text: string,
  /** A short reason for each step ("skipped: …"). */
  reason: string,
  sandbox: ScenarioReport["sandbox"] = null,
): ScenarioReport {
  return {
    ...scenarioReportBase(plan),
    engine,
    status: "skipped",
    durationMs: 0,
    sandbox,
    steps: plan.steps.map((step) => ({
      ...reportBase(step),
      command: null,
      status: "skipped",
      durationMs: 0,
      evidence: { reason },
      error: null,
    })),
    findings: [{ kind: "environment-limitation", text, lessonFile: plan.lesson.file, lessonLine: plan.lesson.lines?.[0] ?? null, step: null }],
    // The lesson's edits are the lesson's, whether or not this machine could run the scenario.
    lessonChanges: plan.lessonChanges.map(({ line, was, now }) => ({ line, was, now })),
    error: null,
  };
}
