/**
 * A failed step in words, for every report: the command that ran (or the check, in words) and the lesson line it
 * stands for first, what went wrong next, the scenario author's label last — a label can say one thing
 * ("docker port web shows 80") while another command ran (`docker port db`), and the reader must see what ran.
 */
import type { StepReport } from "../model/report-types.js";
import { firstLine } from "../checks/evidence-values.js";

type FailedStep = Pick<StepReport, "name" | "kind" | "command" | "lessonLine" | "runsLesson" | "error">;

/** "`docker port db` (lesson.txt:135)" — the command as run, with its lesson line when it has one. */
export function whatRan(step: FailedStep, lessonFile: string | null = null): string {
  const line = step.runsLesson ?? step.lessonLine;
  const where = line === null || line === undefined ? "" : ` (${lessonFile ? `${lessonFile}:` : "line "}${line})`;
  const ran = step.command ?? step.name;
  return `${step.kind === "run" ? `\`${ran}\`` : ran}${where}`;
}

/** "`docker port db` (lesson.txt:135), step "docker port web shows 80": expected …". One line unless `whole`. */
export function failedStepWords(step: FailedStep, lessonFile: string | null = null, whole = false): string {
  const message = step.error ? (whole ? step.error.message : firstLine(step.error.message)) : "failed";
  const label = step.command !== null && step.name !== step.command ? `, step "${step.name}"` : "";
  return `${whatRan(step, lessonFile)}${label}: ${message}`;
}
