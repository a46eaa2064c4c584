import { describe, expect, it } from "vitest";
import type { StepReport } from "../report/report-types.js";
import type { ScenarioPlan } from "./scenario-plan.js";
import { scenarioVerdict } from "./scenario-verdict.js";

const plan = (knownIssue: string | null = null): ScenarioPlan => ({
  file: "scenarios/networks/x.yaml",
  name: "x",
  lesson: { file: "lesson.txt", section: "Network ->", lines: [112, 116] },
  knownIssue,
  images: [],
  publishedPorts: [],
  timeoutMs: 60_000,
  workdir: null,
  steps: [],
});

const step = (name: string, status: StepReport["status"], lessonLine: number | null = null, message?: string): StepReport => ({
  name,
  kind: "run",
  command: "docker ps",
  lessonLine,
  status,
  durationMs: 1,
  evidence: {},
  error: message === undefined ? null : { code: "E_EXPECTATION", message },
});

describe("scenarioVerdict", () => {
  it("passes when every step passed and there was no harness error", () => {
    expect(scenarioVerdict(plan(), [step("a", "passed"), step("b", "passed")], null)).toEqual({ status: "passed", findings: [] });
  });

  it("fails on a failed step", () => {
    const steps = [step("a", "passed"), step("b", "failed", 115, "boom"), step("c", "skipped")];
    expect(scenarioVerdict(plan(), steps, null)).toEqual({ status: "failed", findings: [] });
  });

  it("fails on a harness error even when no step failed", () => {
    expect(scenarioVerdict(plan(), [step("a", "passed")], { code: "E_SANDBOX" })).toEqual({ status: "failed", findings: [] });
  });

  it("turns a failed step of a knownIssue scenario into one known-issue finding at that step's lesson line", () => {
    const steps = [step("a", "passed", 112), step("resolve beta", "failed", 115, "expected beta to resolve"), step("c", "skipped", 116)];
    const verdict = scenarioVerdict(plan("names do not resolve"), steps, null);
    expect(verdict.status).toBe("known-issue");
    expect(verdict.findings).toHaveLength(1);
    expect(verdict.findings[0]).toEqual({
      kind: "known-issue",
      text: "names do not resolve — observed: expected beta to resolve",
      lessonFile: "lesson.txt",
      lessonLine: 115,
      step: "resolve beta",
    });
  });

  it("falls back to the scenario's first lesson line when the failed step cites none", () => {
    const verdict = scenarioVerdict(plan("documented bug"), [step("a", "failed", null, "x")], null);
    expect(verdict.findings[0]?.lessonLine).toBe(112);
  });

  it("reports a knownIssue scenario with a harness error as failed, not as the known issue", () => {
    const verdict = scenarioVerdict(plan("documented bug"), [step("a", "failed", 115, "x")], { code: "E_SANDBOX" });
    expect(verdict).toEqual({ status: "failed", findings: [] });
  });

  it("passes a knownIssue scenario whose steps all passed, with a known-issue-not-reproduced finding", () => {
    const verdict = scenarioVerdict(plan("documented bug"), [step("a", "passed", 114)], null);
    expect(verdict.status).toBe("passed");
    expect(verdict.findings).toEqual([
      expect.objectContaining({ kind: "known-issue-not-reproduced", lessonFile: "lesson.txt", lessonLine: 112, step: null }),
    ]);
    expect(verdict.findings[0]?.text).toContain('"documented bug"');
  });
});

describe("environment limitations", () => {
  it("a step stopped by the environment makes the scenario skipped with an environment-limitation finding, known issue or not", () => {
    const step = {
      name: "npx prisma generate",
      kind: "run" as const,
      command: "docker build -t image_tag .",
      lessonLine: 34,
      status: "failed" as const,
      durationMs: 1,
      evidence: {},
      error: { code: "E_ENVIRONMENT", message: "needs binaries.example, which this environment cannot reach" },
    };
    for (const knownIssue of [null, "CMD on line 41 is not valid JSON"]) {
      const verdict = scenarioVerdict({ ...plan(), knownIssue }, [step], null);
      expect(verdict.status).toBe("skipped");
      expect(verdict.findings).toEqual([expect.objectContaining({ kind: "environment-limitation", lessonLine: 34, step: "npx prisma generate" })]);
    }
  });
});
