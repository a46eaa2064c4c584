import { describe, expect, it } from "vitest";
import type { StepReport } from "../model/report-types.js";
import type { ExpectedFailure, ScenarioPlan } from "../scenario/plan.js";
import { scenarioVerdict } from "./scenario-verdict.js";

type Issue = ScenarioPlan["knownIssue"];
const issue = (expect: Array<Partial<ExpectedFailure>>, line = 115): Issue => ({
  line,
  reason: "names do not resolve on the default bridge",
  expect: expect.map((failure) => ({ step: null, message: null, engines: null, ...failure })),
});

const plan = (knownIssue: Issue = null): ScenarioPlan => ({
  file: "scenarios/networks/x.yaml",
  name: "x",
  lesson: { file: "lesson.txt", section: "Network ->", lines: [112, 116] },
  knownIssue,
  waives: [],
  lessonFiles: [],
  demonstration: null,
  lessonChanges: [],
  images: [],
  plugins: [],
  publishedPorts: [],
  timeoutMs: 60_000,
  workdir: null,
  steps: [],
});

const step = (
  name: string,
  status: StepReport["status"],
  lessonLine: number | null = null,
  message?: string,
  code = "E_EXPECTATION",
): StepReport => ({
  name,
  kind: "run",
  command: "docker ps",
  lessonLine,
  status,
  durationMs: 1,
  evidence: {},
  error: message === undefined ? null : { code, message },
});

/** A passed step that ran a lesson command as written: what makes a scenario's pass prove something. */
const ranLesson = (name: string, line = 113): StepReport => ({ ...step(name, "passed", line), runsLesson: line });

describe("scenarioVerdict", () => {
  it("passes when every step passed, one proved something of the lesson, and there was no harness error", () => {
    expect(scenarioVerdict(plan(), [step("a", "passed"), ranLesson("b")], null)).toEqual({ status: "passed", findings: [] });
  });

  it("is unverified, not passed, when every step passed but none proved a claim, ran a lesson command or built a lesson file", () => {
    const verdict = scenarioVerdict(plan(), [step("a", "passed", 113), step("b", "passed")], null);
    expect(verdict.status).toBe("unverified");
    expect(verdict.findings).toEqual([
      expect.objectContaining({ kind: "unverified", text: expect.stringMatching(/^every step passed, but none proved/) }),
    ]);
    // Each kind of proof is enough on its own: a claim bound to a passed step, a contradiction, a lesson file built.
    const claim = (role: "proves" | "contradicts"): StepReport => ({
      ...step("c", "passed"),
      claims: [{ line: 114, role, text: "t", review: null }],
    });
    expect(scenarioVerdict(plan(), [claim("proves")], null).status).toBe("passed");
    expect(scenarioVerdict(plan(), [claim("contradicts")], null).status).toBe("passed");
    const withFile = { ...plan(), lessonFiles: [{ path: "Dockerfile", lines: [20, 30] as [number, number], offset: 0, text: "" }] };
    const build = { ...step("d", "passed"), evidence: { build: { dockerfile: "Dockerfile", steps: [] } } };
    expect(scenarioVerdict(withFile, [build], null).status).toBe("passed");
    const dotted = { ...withFile, lessonFiles: [{ ...(withFile.lessonFiles[0] as ScenarioPlan["lessonFiles"][number]), path: "./Dockerfile" }] };
    expect(scenarioVerdict(dotted, [build], null).status).toBe("passed");
    expect(scenarioVerdict(plan(), [build], null).status).toBe("unverified");
    // A claim on a step that did not pass proves nothing.
    expect(scenarioVerdict(plan(), [{ ...claim("proves"), status: "skipped" }, step("e", "passed")], null).status).toBe("unverified");
  });

  it("fails on a failed step, and on a harness error even when no step failed", () => {
    const steps = [step("a", "passed"), step("b", "failed", 115, "boom"), step("c", "skipped")];
    expect(scenarioVerdict(plan(), steps, null)).toEqual({ status: "failed", findings: [] });
    expect(scenarioVerdict(plan(), [step("a", "passed")], { code: "E_SANDBOX" })).toEqual({ status: "failed", findings: [] });
  });

  it("is unverified, not passed, when a claim could not be checked and nothing failed", () => {
    const steps = [step("a", "passed"), step("b", "unverified", 95, "cannot run here", "E_UNRUNNABLE"), step("c", "skipped")];
    expect(scenarioVerdict(plan(), steps, null).status).toBe("unverified");
    expect(scenarioVerdict(plan(), [...steps, step("d", "failed", 96, "x")], null).status).toBe("failed");
  });
});

describe("known issues that say what they expect", () => {
  const failing = [step("a", "passed", 112), step("resolve beta", "failed", 115, "expected beta to resolve"), step("c", "skipped", 116)];

  it("a failure at the step and with the message the issue names is the known issue, at the issue's line, reason labelled apart", () => {
    const verdict = scenarioVerdict(plan(issue([{ step: "resolve beta", message: "beta to resolve$" }])), failing, null);
    expect(verdict.status).toBe("known-issue");
    expect(verdict.findings).toEqual([
      {
        kind: "known-issue",
        text: "observed: expected beta to resolve",
        explanation: "names do not resolve on the default bridge",
        lessonFile: "lesson.txt",
        lessonLine: 115,
        step: "resolve beta",
      },
    ]);
  });

  it("a failure at another step fails the scenario, saying what was expected and what was found", () => {
    const elsewhere = [step("build", "failed", 30, "COPY with more than one source file, the destination must be a directory")];
    const verdict = scenarioVerdict(plan(issue([{ step: "the app starts" }], 41)), elsewhere, null);
    expect(verdict.status).toBe("failed");
    expect(verdict.findings[0]).toMatchObject({
      kind: "known-issue-mismatch",
      text: 'expected the known issue at line 41 (step "the app starts"), found a failure at line 30 in step "build": COPY with more than one source file, the destination must be a directory',
    });
  });

  it("the same step failing with another message is not the known issue either", () => {
    const verdict = scenarioVerdict(plan(issue([{ step: "resolve beta", message: "not found" }])), failing, null);
    expect(verdict.status).toBe("failed");
    expect(verdict.findings[0]?.text).toContain("an error matching /not found/");
  });

  it("expectations per engine: one that names only another engine does not apply here", () => {
    const onLegacy = issue([{ step: "resolve beta", engines: ["legacy"] }]);
    expect(scenarioVerdict(plan(onLegacy), failing, null, "legacy").status).toBe("known-issue");
    const modern = scenarioVerdict(plan(onLegacy), failing, null, "modern");
    expect(modern.status).toBe("failed");
    expect(modern.findings[0]?.text).toContain("(no failure on this engine)");
  });

  it("a harness error is never taken for the known issue", () => {
    expect(scenarioVerdict(plan(issue([{ step: "resolve beta" }])), failing, { code: "E_SANDBOX" })).toEqual({ status: "failed", findings: [] });
  });

  it("passes a knownIssue scenario whose steps all passed, with a known-issue-not-reproduced finding at the issue's line", () => {
    const verdict = scenarioVerdict(plan(issue([{ step: "resolve beta" }])), [ranLesson("a", 114)], null);
    expect(verdict.status).toBe("passed");
    expect(verdict.findings).toEqual([
      expect.objectContaining({ kind: "known-issue-not-reproduced", lessonFile: "lesson.txt", lessonLine: 115, step: null }),
    ]);
  });
});

describe("setup steps", () => {
  it("a setup step that cannot complete here makes the claims unverified, saying why, whatever stopped it", () => {
    for (const code of ["E_EXPECTATION", "E_ENVIRONMENT"]) {
      const build = { ...step("build the lesson's Dockerfile", "failed", 30, "COPY with more than one source file", code), setup: true };
      const verdict = scenarioVerdict(plan(), [build, step("rebuild", "skipped")], null);
      expect(verdict.status).toBe("unverified");
      expect(verdict.findings).toEqual([
        expect.objectContaining({
          kind: "unverified",
          lessonLine: 30,
          text: expect.stringMatching(
            /^setup step "build the lesson's Dockerfile" could not complete here, so the claims after it are unverified: COPY with more/,
          ),
        }),
      ]);
    }
  });

  it("the same failure of a step that is not setup fails the scenario (its twin)", () => {
    expect(scenarioVerdict(plan(), [step("build", "failed", 30, "COPY with more than one source file")], null).status).toBe("failed");
  });
});

describe("environment limitations", () => {
  const stopped = step("npx prisma generate", "unverified", 34, "needs binaries.example, which this environment cannot reach", "E_ENVIRONMENT");
  const after = step("the app starts", "unverified", 41, "this machine stopped an earlier build", "E_AFTER_STOP");

  it("a build this machine stopped, with nothing proved, makes the scenario skipped, known issue or not", () => {
    for (const knownIssue of [null, issue([{ step: "the app starts" }], 41)]) {
      const verdict = scenarioVerdict(plan(knownIssue), [stopped, after], null);
      expect(verdict).toEqual({ status: "skipped", findings: [] });
    }
  });

  it("what the run proved despite the stop stands: unverified, not skipped; a failure decided by the build's record fails", () => {
    const proved = {
      ...step("rebuild: npm install from the cache", "passed", 46),
      claims: [{ line: 46, role: "proves" as const, text: "We first copy…", review: null }],
    };
    expect(scenarioVerdict(plan(), [stopped, proved, after], null).status).toBe("unverified");
    // The twin: a pass that proves no claim (a plain command) proves nothing.
    expect(scenarioVerdict(plan(), [stopped, step("change a file", "passed"), after], null).status).toBe("skipped");
    const decided = step("rebuild: npm install from the cache", "failed", 33, 'expected "RUN npm install" to come from the cache, found …: done');
    expect(scenarioVerdict(plan(), [stopped, decided], null).status).toBe("failed");
  });
});

describe("a claim to review is never hidden", () => {
  const review = { ...step("the claim changed", "review", 114, "the claim it proves changed", "E_CLAIM_REVIEW") };
  it("by a known issue reproduced, a setup this machine could not complete, or a download out of reach", () => {
    const known = scenarioVerdict(plan(issue([{ step: "resolve beta" }])), [review, step("resolve beta", "failed", 115, "x")], null);
    expect(known.status).toBe("review");
    expect(known.findings).toEqual([expect.objectContaining({ kind: "known-issue" })]);
    const setup = { ...step("build", "failed", 30, "COPY rejected"), setup: true };
    expect(scenarioVerdict(plan(), [review, setup], null).status).toBe("review");
    expect(scenarioVerdict(plan(), [review, step("pull", "failed", 30, "no such host", "E_ENVIRONMENT")], null).status).toBe("review");
  });

  it("the twin: a real failure and a machine error still outrank it", () => {
    expect(scenarioVerdict(plan(), [review, step("x", "failed", 30, "boom")], null).status).toBe("failed");
    expect(scenarioVerdict(plan(), [review], { code: "E_SANDBOX" }).status).toBe("failed");
  });
});
