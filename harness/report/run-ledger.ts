/**
 * The ledger of each lesson a run tested, from the run's report alone (every scenario report carries its steps'
 * lesson lines, claims, waivers and lesson files): what the headlines of the console, the Markdown summary and the
 * JUnit report count, so all three say the same.
 */
import { type ClaimCounts, type Coverage, lessonCoverage } from "../lesson/coverage.js";
import { readLessonFile } from "../lesson/lesson-file.js";
import type { ScenarioReport } from "../model/report-types.js";
import { lessonUse, useSourceOfReport } from "./lesson-uses.js";

/** One ledger per lesson file the run's scenarios test (each scenario once per engine it ran on). */
export function runLedgers(scenarios: readonly ScenarioReport[], lessons: ReadonlyMap<string, readonly string[]>): Coverage[] {
  const files = [...new Set(scenarios.map((scenario) => scenario.lesson.file))].sort();
  return files.flatMap((file) => {
    const lines = lessons.get(file);
    if (!lines) return [];
    const uses = scenarios
      .filter((scenario) => scenario.lesson.file === file)
      .map((scenario) => lessonUse(useSourceOfReport(scenario), lines, scenario));
    return [lessonCoverage(file, lines, uses)];
  });
}

/** The ledgers of a run, each lesson read once from `lessonsDir` (as untrusted input: a file that is not a lesson is left out). */
export function runLedgersFrom(scenarios: readonly ScenarioReport[], lessonsDir: string): Coverage[] {
  const lessons = new Map<string, readonly string[]>();
  for (const file of new Set(scenarios.map((scenario) => scenario.lesson.file))) {
    const lines = readLessonFile(lessonsDir, file).lines;
    if (lines) lessons.set(file, lines);
  }
  return runLedgers(scenarios, lessons);
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
export const claimTotal = (claims: ClaimCounts): number => Object.values(claims).reduce((total, count) => total + count, 0);

/**
 * "docker-layers-volumes-networks.txt: 21 claims — 13 proved, 3 lesson defects, 2 unverified, 0 to review, 0 not run,
 * 3 waived, 0 unchecked; 22 of 22 commands run, 2 failing as written (lines 30, 41)". A known issue is a lesson
 * defect, never a claim that holds: on a claim line it is a contradicted claim, on a command or file line it fails as
 * written.
 */
export function ledgerHeadline(coverage: Coverage): string {
  const c = coverage.claims;
  const t = coverage.totals;
  const owed = t.run + t["not-reached"] + t.uncovered + t.cited;
  const claims = [
    `${c.proved} proved`,
    plural(c.contradicted, "lesson defect"),
    `${c.unverified} unverified`,
    `${c.review} to review`,
    `${c["not-run"] + c.claimed} not run`,
    `${c.waived} waived`,
    `${c.unchecked} unchecked`,
  ];
  const waived = t.waived > 0 ? ` (${t.waived} waived)` : "";
  const defects = coverage.commandDefects;
  // A known issue on a command or Dockerfile line is a lesson defect too, though no claim: counted, never "run" alone.
  const failing = defects.length > 0 ? `, ${defects.length} failing as written (line${defects.length === 1 ? "" : "s"} ${defects.join(", ")})` : "";
  return `${coverage.lesson}: ${plural(claimTotal(c), "claim")} — ${claims.join(", ")}; ${t.run} of ${owed} commands run${failing}${waived}`;
}
