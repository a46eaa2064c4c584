import { describe, expect, it } from "vitest";
import { describeValue, formatPath, formatProblem } from "./problem.js";

describe("problem formatting", () => {
  it("formats file:line:col message", () => {
    expect(formatProblem({ file: "scenarios/n1.yaml", line: 3, col: 7, code: "E_SCHEMA", message: "name: expected x" })).toBe(
      "scenarios/n1.yaml:3:7 name: expected x",
    );
  });

  it("formats document paths like property access", () => {
    expect(formatPath(["steps", 2, "expect", "stdout"])).toBe("steps[2].expect.stdout");
    expect(formatPath(["timeout"])).toBe("timeout");
  });

  it("describes found values briefly", () => {
    expect(describeValue("-5s")).toBe('"-5s"');
    expect(describeValue(3)).toBe("3");
    expect(describeValue(null)).toBe("null");
    expect(describeValue([])).toBe("an empty list");
    expect(describeValue({ a: 1 })).toBe("a mapping");
    expect(describeValue("x".repeat(200))).toHaveLength(80);
  });
});
