import { describe, expect, it } from "vitest";
import { syntheticLines, syntheticPlans, syntheticReport } from "./test-support/synthetic-run.js";
import { builtInstructions } from "./lesson-file-lines.js";
import { lessonUse } from "./lesson-uses.js";

const plan = syntheticPlans[1]!;
const report = syntheticReport.scenarios[1]!;
const ran = (use: ReturnType<typeof lessonUse>, line: number) => use.runs.find((run) => run.line === line)?.ran;

describe("a lesson file's instructions as a build did them", () => {
  it("lists every instruction, an unlisted one (BuildKit's CMD) as in the image the build made", () => {
    // The coverage ledger held it not reached before: BuildKit lists no step for CMD.
    expect(ran(lessonUse(plan, syntheticLines, report), 12)).toBe(true);
    expect(builtInstructions(plan, report, syntheticLines).map((entry) => [entry.line, entry.status])).toEqual([
      [10, "cached"],
      [11, "done"],
      [12, "metadata"],
    ]);
  });

  it("holds an unlisted instruction as never reached when the build made no image, unless it came before the failure", () => {
    const failed = structuredClone(report);
    const build = failed.steps[2]!.evidence.build as { imageId: string | null; steps: Array<Record<string, unknown>> };
    build.imageId = null;
    expect(ran(lessonUse(plan, syntheticLines, failed), 12)).toBe(false);
    build.steps = [
      { line: 1, instruction: "FROM node:20", status: "done" },
      { line: 3, instruction: 'CMD ["node", "index.js"]', status: "failed" },
    ];
    expect(builtInstructions(plan, failed, syntheticLines).map((entry) => [entry.line, entry.status])).toEqual([
      [10, "done"],
      [11, "metadata"],
      [12, "failed"],
    ]);
  });
});
