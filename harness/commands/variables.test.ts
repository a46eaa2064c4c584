import { describe, expect, it } from "vitest";
import { parseMongoTarget } from "../checks/target.js";
import { expandStepTexts } from "./variables.js";

const values: Record<string, string> = { user: "ad:min", password: "p@ss:w/rd%20#1", port: "27017", text: "a.b" };
const lookup = (name: string) => {
  const value = values[name];
  if (value === undefined) throw new Error(`no value for ${name}`);
  return value;
};

describe("expandStepTexts", () => {
  it("percent-encodes values in a URI's user and password, so the parsed credentials are the captured ones", () => {
    const step = expandStepTexts({ target: "mongodb://${user}:${password}@localhost:${port}" }, ["target"], lookup);
    expect(step.target).toBe("mongodb://ad%3Amin:p%40ss%3Aw%2Frd%2520%231@localhost:27017");
    expect(parseMongoTarget(step.target).credentials).toEqual({ username: "ad:min", password: "p@ss:w/rd%20#1" });
  });

  it("the same values spliced in as they are make a target that does not parse, or parses to other credentials (its twin)", () => {
    const spliced = "mongodb://${user}:${password}@localhost:27017".replace(/\$\{(\w+)\}/g, (_, name: string) => lookup(name));
    expect(() => parseMongoTarget(spliced)).toThrow(/expected a MongoDB target/);
  });

  it("an output text shaped like a URI keeps the value as it is printed", () => {
    const step = expandStepTexts({ expect: { stdout: { contains: "mongodb://${user}:${password}@mongo" } } }, ["expect.stdout.contains"], lookup);
    expect(step.expect.stdout.contains).toBe("mongodb://ad:min:p@ss:w/rd%20#1@mongo");
  });

  it("leaves values outside a userinfo as they are, and escapes them in patterns", () => {
    const step = expandStepTexts(
      { target: "tcp://localhost:${port}", left: "${text}", logs: { matches: "^${text}$" } },
      ["target", "left", "logs.matches"],
      lookup,
    );
    expect(step).toEqual({ target: "tcp://localhost:27017", left: "a.b", logs: { matches: "^a\\.b$" } });
  });
});
