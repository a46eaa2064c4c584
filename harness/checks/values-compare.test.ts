import { describe, expect, it } from "vitest";
import { specOf } from "./test-support/check-spec.js";
import { fakeContext } from "./test-support/fake-context.js";
import { valuesCompareCheck } from "./values-compare.js";

// Image ids captured before and after a rebuild, as `docker image inspect --format {{.Id}}` prints them.
const BEFORE = "sha256:3f4a9c2e1b7d8a6f5e4c3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a291807f6e";
const AFTER = "sha256:9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c";

/** Runs the check on a fresh fake: a comparison asks docker nothing, which the empty `calls` shows. */
async function compare(check: "values-equal" | "values-differ", left: string, right: string) {
  const context = fakeContext();
  const outcome = await valuesCompareCheck.run(specOf(valuesCompareCheck, { check, left, right }), context);
  expect(context.docker.calls).toEqual([]);
  return outcome;
}

describe("values-equal", () => {
  it("passes on the same text", async () => {
    expect(await compare("values-equal", BEFORE, BEFORE)).toEqual({
      passed: true,
      message: `both are "${BEFORE}"`,
      evidence: { left: BEFORE, right: BEFORE, equal: true },
    });
  });

  it("the twin: fails on different texts, showing both", async () => {
    expect(await compare("values-equal", BEFORE, AFTER)).toEqual({
      passed: false,
      message: `expected the values to be equal; found "${BEFORE}" vs "${AFTER}"`,
      evidence: { left: BEFORE, right: AFTER, equal: false },
    });
  });

  it("compares exactly: a trailing newline makes two values differ", async () => {
    const outcome = await compare("values-equal", BEFORE, `${BEFORE}\n`);
    expect(outcome.passed).toBe(false);
    expect(outcome.evidence.equal).toBe(false);
  });
});

describe("values-differ", () => {
  it("passes on different texts", async () => {
    expect(await compare("values-differ", BEFORE, AFTER)).toEqual({
      passed: true,
      message: `"${BEFORE}" vs "${AFTER}"`,
      evidence: { left: BEFORE, right: AFTER, equal: false },
    });
  });

  it("the twin: fails on the same text", async () => {
    expect(await compare("values-differ", "", "")).toEqual({
      passed: false,
      message: 'expected the values to differ; found both are ""',
      evidence: { left: "", right: "", equal: true },
    });
  });
});
