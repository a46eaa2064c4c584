import type { ScenarioUse } from "../lesson/coverage.js";
import { dockerfileBlocks } from "../lesson/lesson-text.js";
import type { ScenarioReport } from "../report/report-types.js";
import { lessonLineOf, type ScenarioPlan } from "./scenario-plan.js";

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Lesson lines of a lesson file's Dockerfile that a reported build reached: instruction line -> ran. */
function builtLines(plan: ScenarioPlan, report: ScenarioReport): Map<number, boolean> {
  const reached = new Map<number, boolean>();
  for (const step of report.steps) {
    const build = isRecord(step.evidence.build) ? step.evidence.build : null;
    const file = plan.lessonFiles.find((candidate) => build && build.dockerfile === candidate.path);
    if (!file || !Array.isArray(build?.steps)) continue;
    for (const built of build.steps) {
      if (!isRecord(built) || typeof built.line !== "number") continue;
      const line = lessonLineOf(file, built.line);
      if (line === null) continue;
      reached.set(line, (reached.get(line) ?? false) || built.status !== "incomplete");
    }
  }
  return reached;
}

/**
 * What a scenario does with its lesson's lines, for the coverage ledger: the lines its steps run (and, given its
 * report, whether each step ran), its lesson files' instructions, what it cites and waives.
 */
export function lessonUse(plan: ScenarioPlan, lessonLines: readonly string[], report?: ScenarioReport): ScenarioUse {
  const runs: ScenarioUse["runs"] = [];
  plan.steps.forEach((step, index) => {
    if (step.kind !== "run" || step.runsLesson === null) return;
    const status = report?.steps[index]?.status;
    runs.push({ line: step.runsLesson, ...(report ? { ran: status !== undefined && status !== "skipped" && status !== "unverified" } : {}) });
  });
  const built = report ? builtLines(plan, report) : undefined;
  for (const file of plan.lessonFiles) {
    const inFile = dockerfileBlocks(lessonLines.slice(0, file.lines[1]))
      .flatMap((block) => block.instructions)
      .filter((entry) => entry.line >= file.lines[0]);
    for (const { line } of inFile) runs.push({ line, ...(built ? { ran: built.get(line) ?? false } : {}) });
  }
  return {
    scenario: plan.file,
    runs,
    cites: [...new Set(plan.steps.flatMap((step) => step.cites))],
    waives: plan.waives,
    section: plan.lesson.section,
  };
}
