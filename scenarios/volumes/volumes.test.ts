import { join } from "node:path";
import { loadPlans } from "../../harness/runner/load-plans.js";
import { defaultLessonsDir, defaultScenariosDir } from "../../harness/support/paths.js";
import { defineScenarioTests } from "../../harness/vitest/scenario-tests.js";

// One test file per lesson folder, so vitest --shard spreads the lessons over runners (it shards by file).
const { plans } = await loadPlans([join(defaultScenariosDir, "volumes")], { lessonsDir: defaultLessonsDir() });
defineScenarioTests(plans);
