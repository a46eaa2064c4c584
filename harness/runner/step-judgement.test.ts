import { describe, expect, it } from "vitest";
import type { CheckStep } from "../checks/index.js";
import type { CheckPlanStep, ClaimBinding } from "../scenario/plan.js";
import { judgeError, judgeOutcome } from "./step-judgement.js";

const claim = (review: string | null, role: ClaimBinding["role"] = "proves"): ClaimBinding => ({
  line: 9,
  role,
  text: "the server refuses you",
  review,
});
const check = (claims: ClaimBinding[] = []): CheckPlanStep => ({
  kind: "check",
  spec: { check: "mongo-refused", timeoutMs: 10_000 } as CheckStep,
  name: "without the password the server refuses you",
  line: 3,
  lessonLine: 9,
  cites: [],
  claims,
  values: [{ field: "target", line: 5, value: "mongodb://admin:s3cret@localhost:27017" }],
  remark: null,
  setup: false,
  unresolved: null,
  description: "mongo refuses insert",
});
const outcome = (passed: boolean, extra: Record<string, unknown> = {}) => ({
  command: "mongo refuses insert",
  passed,
  message: "refused: Unauthorized (13)",
  evidence: {},
  ...extra,
});

describe("what a step's run means", () => {
  it("a bound claim: its outcome stands (passed, or failed naming where the values came from, passwords as ****)", () => {
    expect(judgeOutcome(check([claim(null)]), outcome(true), 5, null).report.status).toBe("passed");
    const failed = judgeOutcome(check([claim(null)]), outcome(false), 5, null).report;
    expect(failed).toMatchObject({ status: "failed", error: { code: "E_EXPECTATION" } });
    expect(failed.error?.message).toBe(`refused: Unauthorized (13) (target "mongodb://admin:****@localhost:27017" is lesson line 5's)`);
    expect(failed.values).toEqual([{ field: "target", line: 5, value: "mongodb://admin:****@localhost:27017" }]);
  });

  it("a claim that changed under its step: review, whatever the step saw, with a finding saying was/now and what it observed", () => {
    for (const passed of [true, false]) {
      const judged = judgeOutcome(check([claim("the claim it proves changed: line 9 was …")]), outcome(passed), 5, null);
      expect(judged.report.status).toBe("review");
      expect(judged.report.error?.code).toBe("E_CLAIM_REVIEW");
      expect(judged.finding?.kind).toBe("review");
      expect(judged.report.error?.message).toMatch(
        /^the claim it proves changed: line 9 was …; the step observed: refused: Unauthorized \(13\)\. Update the scenario/,
      );
    }
  });

  it("after this machine stopped a build: a check's pass or failure is unverified (it may be the stop's doing), a plain command's pass stands", () => {
    const stop = "`RUN npx prisma generate` needs binaries.prisma.sh";
    for (const passed of [true, false]) {
      const judged = judgeOutcome(check([claim(null)]), outcome(passed), 5, stop);
      expect(judged.report).toMatchObject({ status: "unverified", error: { code: "E_AFTER_STOP" } });
      expect(judged.report.error?.message).toContain(stop);
    }
    expect(judgeError(check(), new Error("no such container: backend"), 5, stop).report.status).toBe("unverified");
    // The twin: with no stop before it, the same thrown error is a failure.
    expect(judgeError(check(), new Error("no such container: backend"), 5, null).report.status).toBe("failed");
  });

  it("the stopped build itself: says so once (an environment-limitation finding) and hands the stop to the steps after it", () => {
    const stopped = outcome(false, { unverified: "line 34 needs a download", environment: "line 34 needs a download" });
    const first = judgeOutcome(check(), stopped, 5, null);
    expect(first).toMatchObject({
      report: { status: "unverified", error: { code: "E_ENVIRONMENT" } },
      finding: { kind: "environment-limitation" },
      stop: "line 34 needs a download",
    });
    expect(judgeOutcome(check(), stopped, 5, "an earlier stop").finding).toBeNull();
  });
});
