import { expect, test } from "vitest";
import { loadPlans } from "../harness/runner/load-plans.js";
import { defaultLessonsDir, defaultScenariosDir } from "../harness/support/paths.js";
import { defineScenarioTests } from "../fixtures/reports/scenario-tests.js";

// Every scenario file is one vitest test (see defineScenarioTests): its report rides in task.meta, its
// evidence and findings in annotations, so vitest's junit, json, github-actions and blob reporters carry them.
const { plans, problems } = await loadPlans([defaultScenariosDir], { lessonsDir: defaultLessonsDir() });

test("every scenario file is valid", () => {
  expect(problems).toEqual([]);
});

defineScenarioTests(plans);
