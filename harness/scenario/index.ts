/** Public API of scenario loading: schema, types, loader and problem formatting. */
export { loadScenarioFile, type LoadedScenario, type LoadOptions, type LoadResult } from "./load-scenario.js";
export { findScenarioFiles, type LoadedPlans, loadPlans, loadScenarios } from "./load-scenarios.js";
export { formatProblem, PROBLEM_CODES, type Problem } from "./problem.js";
export { scenarioSchema, SCHEMA_VERSION, type Scenario, type ScenarioInput } from "./scenario-schema.js";
export { stepSchema, type CheckKind, type CheckStep, type RunStep, type Step, type TextExpectation } from "./step-schema.js";
export { DURATION_EXPECTATION, MAX_DURATION_MS } from "../checks/duration.js";
export { parseTarget, type Target } from "../checks/target.js";
export { lessonCommand } from "./lesson-checks.js";
export { MAX_SCENARIO_BYTES } from "./yaml-source.js";
export { scenarioJsonSchema } from "./json-schema.js";
