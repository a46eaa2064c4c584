import { describe, expect, it } from "vitest";
import { durationMs, durationSchema, withMs } from "./duration.js";

// The message for a bad duration in a file (expected … found "-5s") is asserted by fixtures/invalid/bad-duration.yaml.
describe("durationMs", () => {
  it.each([
    ["250ms", 250],
    ["30s", 30_000],
    ["5m", 300_000],
    ["30m", 1_800_000],
  ])("%s → %d ms", (text, ms) => {
    expect(durationMs(text)).toBe(ms);
  });

  it.each(["0s", "-5s", "31m", "1h", "1.5s", "10", " 5s", "5 s", ""])("rejects %j", (text) => {
    expect(durationMs(text)).toBeUndefined();
  });
});

describe("durationSchema", () => {
  it("parses to ms and reports one issue per bad value", () => {
    expect(durationSchema.parse("2s")).toBe(2000);
    expect(durationSchema.safeParse("0ms").error?.issues).toHaveLength(1);
    expect(durationSchema.safeParse("soon").error?.issues).toHaveLength(1);
    expect(durationSchema.safeParse(5).error?.issues[0]?.message).toMatch(/^expected a duration/);
  });
});

describe("withMs", () => {
  it("renames timeout and eventually", () => {
    expect(withMs({ check: "x", timeout: 10, eventually: 20 })).toEqual({ check: "x", timeoutMs: 10, eventuallyMs: 20 });
    expect(withMs({ run: "x", timeout: 10 })).toEqual({ run: "x", timeoutMs: 10 });
  });
});
