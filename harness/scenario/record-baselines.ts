/**
 * Baselines from the start: a scenario's claims are bound to the lesson text it was written against, which its
 * baseline records. A scenario whose lesson has none yet (written by hand or by `scaffold`) gets it on its first
 * `validate` or `run`: the lesson as it is now, written beside the scenarios for the maintainer to commit. In CI
 * (a throwaway checkout) nothing is written: those claims are review, saying what to commit.
 */
import path from "node:path";
import { BASELINE_DIR, findBaselineDir, writeBaseline } from "../lesson/baseline.js";

/** How loading treats a scenario whose lesson has no baseline. */
export type BaselinePolicy =
  /** Record the lesson as it is now (its claims are bound to that text). */
  | "record"
  /** Record nothing; its claims are review until a baseline is committed (CI). */
  | "require"
  /** Take its line numbers and claims as written for the lesson as it is now, and record nothing (tests, tools). */
  | "assume";

/** CI=true/1/yes (any value but empty, 0 or false): a checkout whose files nobody commits. */
export const inCi = (env: NodeJS.ProcessEnv = process.env): boolean => {
  const value = (env.CI ?? "").trim().toLowerCase();
  return value !== "" && value !== "0" && value !== "false";
};

/** What the CLI and the lesson tests do: record a missing baseline, except in CI. */
export const defaultBaselinePolicy = (): BaselinePolicy => (inCi() ? "require" : "record");

/** Where a scenario's baseline goes: the nearest lesson-baselines/ folder above it, else one beside it. */
export const baselineDirFor = (scenarioFile: string): string =>
  findBaselineDir(scenarioFile) ?? path.join(path.dirname(path.resolve(scenarioFile)), BASELINE_DIR);

export function unboundReason(scenarioFile: string, lessonFile: string): string {
  const where = path.relative(process.cwd(), path.join(baselineDirFor(scenarioFile), lessonFile));
  return `no baseline records the lesson text this scenario was written against (${where} is missing), so no claim is bound to its text: run \`dockproof validate\` outside CI (or \`dockproof fix\`) and commit ${where}`;
}

/** Writes the baseline of every loaded scenario whose lesson has none; the files written, for a note each. */
export async function recordMissingBaselines(
  scenarios: ReadonlyArray<{ absoluteFile: string; lesson: { baseline: unknown; lines: readonly string[] }; scenario: { lesson: { file: string } } }>,
): Promise<string[]> {
  const pending = new Map<string, { dir: string; lesson: string; text: string }>();
  for (const scenario of scenarios) {
    if (scenario.lesson.baseline !== null) continue;
    const dir = baselineDirFor(scenario.absoluteFile);
    const lesson = scenario.scenario.lesson.file;
    pending.set(`${dir}|${lesson}`, { dir, lesson, text: `${scenario.lesson.lines.join("\n")}\n` });
  }
  const written: string[] = [];
  for (const { dir, lesson, text } of pending.values()) written.push(await writeBaseline(dir, lesson, text));
  return written;
}
