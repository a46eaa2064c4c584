/** The JSON Schema of scenario files, for editors; generated from the zod schema so it cannot drift. */
import { z } from "zod";
import { scenarioSchema } from "./scenario-schema.js";

export const SCENARIO_JSON_SCHEMA_PATH = "scenarios/scenario.schema.json";

/** The input shape: durations appear as the strings authors write, defaults as written defaults. */
export function scenarioJsonSchema(): string {
  const schema = z.toJSONSchema(scenarioSchema, { io: "input", target: "draft-2020-12" });
  return `${JSON.stringify(schema, null, 2)}\n`;
}
