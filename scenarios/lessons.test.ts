import { describe, expect, test } from "vitest";
import { loadPlans } from "../harness/runner/load-plans.js";
import { defaultLessonsDir, defaultScenariosDir } from "../harness/support/paths.js";
import { explain, runPlan } from "../fixtures/support/provided-environment.js";

// Every scenario file is one vitest test, so vitest's filters, shards and reporters apply to lessons.
const { plans, problems } = await loadPlans([defaultScenariosDir], { lessonsDir: defaultLessonsDir() });

test("every scenario file is valid", () => {
  expect(problems).toEqual([]);
});

describe.concurrent("lessons", () => {
  for (const plan of plans) {
    test(`${plan.file}: ${plan.name}`, async ({ annotate }) => {
      const report = await runPlan(plan);
      for (const finding of report.findings) {
        await annotate(`${finding.kind} ${finding.lessonFile}:${finding.lessonLine ?? "-"} ${finding.text}`, "notice");
      }
      expect(["passed", "known-issue"], explain(report)).toContain(report.status);
    });
  }
});
