import { readdir } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { expect, test } from "vitest";
import { loadPlans } from "../harness/scenario/load-scenarios.js";
import { defaultLessonsDir, defaultScenariosDir } from "../harness/support/paths.js";

// The lessons themselves run from one test file per folder (scenarios/<folder>/<folder>.test.ts), so that
// vitest's shards spread them; this file checks they are all valid and that no folder is left without its runner.
const { plans, problems } = await loadPlans([defaultScenariosDir], { lessonsDir: defaultLessonsDir() });

test("every scenario file is valid", () => {
  expect(problems).toEqual([]);
  expect(plans.length).toBeGreaterThan(0);
});

test("every folder of scenarios has the test file that runs it", async () => {
  const folders = [...new Set(plans.map((plan) => relative(defaultScenariosDir, dirname(join(process.cwd(), plan.file)))))];
  for (const folder of folders) {
    const entries = await readdir(join(defaultScenariosDir, folder));
    expect(entries, `scenarios/${folder} needs ${folder}.test.ts calling defineScenarioTests`).toContain(`${folder}.test.ts`);
  }
});
