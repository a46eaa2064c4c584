import { defaultBaselinePolicy } from "../../harness/scenario/record-baselines.js";
import { join } from "node:path";
import { loadPlans } from "../../harness/scenario/load-scenarios.js";
import { defaultLessonsDir, defaultScenariosDir } from "../../harness/support/paths.js";
import { defineScenarioTests } from "../../harness/vitest/scenario-tests.js";

// One test file per lesson folder, so vitest --shard spreads the lessons over runners (it shards by file).
const { plans, stamps } = await loadPlans([join(defaultScenariosDir, "volumes")], {
  lessonsDir: defaultLessonsDir(),
  baselines: defaultBaselinePolicy(),
});
defineScenarioTests(plans, stamps);
