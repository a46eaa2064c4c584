import path from "node:path";
import type { StepReport } from "../model/report-types.js";
import type { ScenarioPlan } from "../scenario/plan.js";

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * What the passed steps of a scenario proved of its lesson, in words: a claim a step is bound to (claims: or
 * contradicts:), a lesson command run as the lesson writes it, a lesson file's Dockerfile built. Empty: every step may
 * have passed, yet nothing the lesson says was shown, so the scenario cannot be `passed` (issue 24: a green that
 * proves nothing is a false green).
 */
export function lessonProof(plan: Pick<ScenarioPlan, "lessonFiles">, steps: readonly StepReport[]): string[] {
  const proof: string[] = [];
  // `./Dockerfile` and `Dockerfile` are one file.
  const lessonFiles = new Set(plan.lessonFiles.map((file) => path.posix.normalize(file.path)));
  for (const step of steps) {
    if (step.status !== "passed") continue;
    for (const claim of step.claims ?? []) proof.push(`"${step.name}" ${claim.role === "contradicts" ? "contradicts" : "proves"} line ${claim.line}`);
    if (step.runsLesson != null) proof.push(`"${step.name}" ran line ${step.runsLesson} as written`);
    const build = isRecord(step.evidence?.build) ? step.evidence.build : null;
    if (typeof build?.dockerfile === "string" && lessonFiles.has(path.posix.normalize(build.dockerfile)))
      proof.push(`"${step.name}" built the lesson's ${build.dockerfile}`);
  }
  return proof;
}

export const NOTHING_PROVED =
  "every step passed, but none proved anything the lesson says: no passed step is bound to a claim (claims: or contradicts:), runs a lesson command as written (run: { lesson: N }) or builds a lesson file";
