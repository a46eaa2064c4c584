/** Writes scenarios/scenario.schema.json (run: npx tsx harness/scenario/write-json-schema.ts). */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { repoRoot } from "../support/paths.js";
import { SCENARIO_JSON_SCHEMA_PATH, scenarioJsonSchema } from "./json-schema.js";

const target = path.join(repoRoot, SCENARIO_JSON_SCHEMA_PATH);
await writeFile(target, scenarioJsonSchema());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
