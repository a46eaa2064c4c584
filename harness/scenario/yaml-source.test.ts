import { describe, expect, it } from "vitest";
import { parseScenarioYaml } from "./yaml-source.js";

const SOURCE = `name: x
steps:
  - run: echo
    expect: { exitCode: 1 }
  - check: resolves
`;

describe("parseScenarioYaml", () => {
  it("locates values, keys, and the nearest ancestor of a missing node", () => {
    const { locate, data, problems } = parseScenarioYaml(SOURCE);
    expect(problems).toEqual([]);
    expect(data).toMatchObject({ name: "x" });
    expect(locate(["steps", 0, "run"])).toEqual({ line: 3, col: 10 });
    expect(locate(["steps", 0, "expect", "exitCode"])).toEqual({ line: 4, col: 25 });
    expect(locate(["steps", 0, "expect"], true)).toEqual({ line: 4, col: 5 });
    expect(locate(["steps", 1, "from"])).toEqual({ line: 5, col: 5 });
    expect(locate(["nothing", "here"])).toEqual({ line: 1, col: 1 });
  });

  it("turns YAML errors and warnings into placed problems and withholds the data", () => {
    const parsed = parseScenarioYaml("a: [1\nb: !!weird 2\n");
    expect(parsed.data).toBeUndefined();
    expect(parsed.problems.length).toBeGreaterThan(0);
    expect(parsed.problems.every((p) => p.code === "E_YAML_SYNTAX" && p.line >= 1)).toBe(true);
    expect(parseScenarioYaml("x: !!weird 2\n").problems).toEqual([
      expect.objectContaining({ line: 1, col: 4, message: expect.stringMatching(/TAG_RESOLVE_FAILED/) }),
    ]);
  });
});
