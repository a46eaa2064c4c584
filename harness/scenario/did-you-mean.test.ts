import { describe, expect, it } from "vitest";
import { didYouMean, editDistance } from "./did-you-mean.js";

describe("didYouMean", () => {
  it("measures edits", () => {
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("suggests a close key and nothing for a far one", () => {
    expect(didYouMean("targt", ["from", "target", "timeout"])).toBe("target");
    expect(didYouMean("Expct", ["expect", "run"])).toBe("expect");
    expect(didYouMean("wibble", ["run", "capture"])).toBeUndefined();
  });
});
