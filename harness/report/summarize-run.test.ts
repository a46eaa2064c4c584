import { describe, expect, it } from "vitest";
import { summarizeRun } from "./summarize-run.js";
import type { RunReport } from "../model/report-types.js";

const report = (images: RunReport["images"]): RunReport => ({ version: 1, durationMs: 1000, images, scenarios: [] });

describe("summarizeRun", () => {
  it("names each substitute by its stand-in, and our own and real images as such", () => {
    const text = summarizeRun(
      report([
        { ref: "mongo", id: "sha256:aaaa", digest: null, substitute: true, substituteFor: "mongo", substituteName: "mongo-compat" },
        { ref: "dockproof/probe", id: "sha256:bbbb", digest: null, substitute: false, substituteFor: null, substituteName: null },
        { ref: "node:20", id: "sha256:cccc", digest: "node@sha256:dddd", substitute: false, substituteFor: null, substituteName: null },
      ]),
    );
    expect(text).toContain("mongo = substitute (mongo-compat) sha256:aaaa");
    expect(text).toContain("dockproof/probe = dockproof's own image, built locally");
    expect(text).toContain("node:20 = real image sha256:cccc node@sha256:dddd");
    expect(text).toContain("0 passed, 0 failed, 0 known issues, 0 to review, 0 unverified, 0 skipped, 0 errors in 1s");
  });
});
