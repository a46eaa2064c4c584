import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { SCENARIO_JSON_SCHEMA_PATH, scenarioJsonSchema } from "./json-schema.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

describe("scenario.schema.json", () => {
  it("is up to date with the zod schema (regenerate: npx tsx harness/scenario/write-json-schema.ts)", async () => {
    expect(await readFile(path.join(repoRoot, SCENARIO_JSON_SCHEMA_PATH), "utf8")).toBe(scenarioJsonSchema());
  });

  it("describes the input shape: durations are strings, unknown keys are rejected", () => {
    const schema = JSON.parse(scenarioJsonSchema());
    expect(schema.properties.timeout).toMatchObject({ type: "string", default: "5m" });
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(["schemaVersion", "name", "lesson", "images", "steps"]);
  });
});
