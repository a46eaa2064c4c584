import { describe, expect, it } from "vitest";
import { ImageCatalog } from "../images/catalog.js";
import { SubstituteGapError, substituteLimitation } from "./substitute-gap.js";

const catalog = { limitationsOf: ImageCatalog.limitationsOf };

describe("a check that rests on what a substitute does not do", () => {
  it("cites the catalog's own sentence, so the reason in a report is what the catalog declares", () => {
    const sentence = substituteLimitation(catalog, "mongo", "Roles are stored but not enforced");
    expect(ImageCatalog.get("mongo")?.limitations).toContain(sentence);
    const error = new SubstituteGapError("that x refuses insert", "mongo", sentence, { authenticated: true });
    expect(error.code).toBe("E_SUBSTITUTE_GAP");
    expect(error.message).toBe(`that x refuses insert cannot be verified with dockproof's stand-in for mongo: ${sentence}`);
  });

  it("the twin: a limitation the catalog does not declare is a harness bug, not a silent pass", () => {
    expect(() => substituteLimitation(catalog, "mongo", "Runs on the moon")).toThrow(/declares no limitation starting "Runs on the moon"/);
    expect(() => substituteLimitation(catalog, "postgres:16", "Roles")).toThrow(TypeError);
  });
});
