/**
 * Where a run's report itself shows a lesson's own text passing, per engine, read from the report alone and apart
 * from annotateLesson, so a test can hold the annotated page to it. A line is proved on an engine only by a passed
 * step of a scenario that is no demonstration which ran the line verbatim (runsLesson), proves it as a claim (a
 * `proves` binding), or built it: its build record executed the instruction or took it from the cache, or the build
 * made the image the lesson's Dockerfile is in (BuildKit lists no step for CMD or EXPOSE).
 */
import type { RunReport } from "../../model/report-types.js";

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** Engine -> the lesson lines the report proves there. */
export function verbatimProofs(report: Pick<RunReport, "scenarios">, lesson: string): Map<string, Set<number>> {
  const proofs = new Map<string, Set<number>>();
  for (const scenario of report.scenarios) {
    if (scenario.lesson.file !== lesson || scenario.demonstration) continue;
    const engine = scenario.engine?.name ?? "";
    const proved = proofs.get(engine) ?? new Set<number>();
    proofs.set(engine, proved);
    for (const step of scenario.steps) {
      if (step.status !== "passed") continue;
      if (typeof step.runsLesson === "number") proved.add(step.runsLesson);
      for (const claim of step.claims ?? []) if (claim.role === "proves") proved.add(claim.line);
      const build = isRecord(step.evidence.build) ? step.evidence.build : null;
      const file = (scenario.lessonFiles ?? []).find((candidate) => candidate.path === build?.dockerfile);
      if (!build || !file) continue;
      for (const entry of Array.isArray(build.steps) ? build.steps.filter(isRecord) : []) {
        const ran = entry.status === "done" || entry.status === "cached";
        if (ran && typeof entry.line === "number" && entry.line > file.offset) proved.add(file.lines[0] + entry.line - file.offset - 1);
      }
      if (typeof build.imageId === "string" && build.imageId !== "") {
        for (let line = file.lines[0]; line <= file.lines[1]; line++) proved.add(line);
      }
    }
  }
  return proofs;
}

/** "line engine" for every ✓ a page shows that the report does not prove; empty when the page tells the truth. */
export function unprovedTicks(
  rows: ReadonlyArray<{ line: number; marks: ReadonlyArray<{ shown: string | null }> }>,
  proofs: ReadonlyMap<string, ReadonlySet<number>>,
): string[] {
  return rows.flatMap((row) =>
    row.marks.flatMap(({ shown }) => {
      const [symbol, engine = ""] = (shown ?? "").split(" ");
      return symbol === "✓" && !proofs.get(engine)?.has(row.line) ? [`${row.line} ${engine}`] : [];
    }),
  );
}
