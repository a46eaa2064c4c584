import { describe, expect, it } from "vitest";
import { allowedKeys } from "./schema-keys.js";
import { scenarioSchema } from "./scenario-schema.js";

const root = {
  lesson: { file: "x" },
  steps: [{ run: "x", expect: { stdout: {} } }, { check: "reachable" }, { check: "resolves" }, { check: "nope" }],
};
const keys = (path: Array<string | number>) => allowedKeys(scenarioSchema, path, root)?.sort();

describe("allowedKeys", () => {
  it("reads the keys of top-level and nested mappings from the schema", () => {
    expect(keys([])).toEqual([
      "demonstration",
      "description",
      "given",
      "images",
      "knownIssue",
      "lesson",
      "lessonFiles",
      "name",
      "schemaVersion",
      "steps",
      "timeout",
      "waives",
      "workdir",
    ]);
    expect(keys(["lesson"])).toEqual(["file", "lines", "section"]);
    expect(keys(["steps", 0, "expect", "stdout"])).toEqual(["contains", "equals", "matches", "notContains"]);
  });

  it("picks the union option the step is written as", () => {
    expect(keys(["steps", 0])).toContain("capture");
    expect(keys(["steps", 1])).toEqual([
      "check",
      "cites",
      "claims",
      "contradicts",
      "eventually",
      "finding",
      "from",
      "name",
      "note",
      "quotes",
      "response",
      "setup",
      "target",
      "timeout",
    ]);
    expect(keys(["steps", 2])).toContain("name");
    expect(keys(["steps", 2])).not.toContain("target");
  });

  it("gives up where there is no mapping", () => {
    expect(keys(["steps"])).toBeUndefined();
    expect(keys(["name"])).toBeUndefined();
    expect(keys(["steps", 3])).toBeUndefined();
  });
});
