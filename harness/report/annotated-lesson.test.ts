import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readLessonFile } from "../lesson/lesson-file.js";
import { loadPlans } from "../scenario/load-scenarios.js";
import { defaultLessonsDir, repoRoot } from "../support/paths.js";
import { type AnnotatedLesson, annotateLesson } from "./annotated-lesson.js";
import type { RunReport, ScenarioReport } from "../model/report-types.js";
import { SYNTHETIC_LESSON, syntheticLines, syntheticPlans, syntheticReport } from "./test-support/synthetic-run.js";

const LESSON = "docker-layers-volumes-networks.txt";
const recorded = (name: string) => JSON.parse(readFileSync(join(repoRoot, "fixtures/reports", name), "utf8")) as RunReport;
/** Real runs: N1 and N3 (a lesson defect at 115), and L5 (the lesson's Dockerfile, its known issue at line 30, classic builder). */
const real: RunReport = { ...recorded("run-n1-n3.json"), scenarios: [...recorded("run-n1-n3.json").scenarios, ...recorded("run-l5.json").scenarios] };
const { plans } = await loadPlans(
  ["networks/n1-default-bridge.yaml", "networks/n3-network-types.yaml", "layers/l5-lesson-dockerfile.yaml"].map((file) =>
    join(repoRoot, "scenarios", file),
  ),
  { lessonsDir: defaultLessonsDir() },
);
const lessonLines = readLessonFile(defaultLessonsDir(), LESSON).lines ?? [];

const marks = (model: AnnotatedLesson, lines: number[]) => lines.map((line) => [line, model.lines[line - 1]?.mark]);
const entries = (model: AnnotatedLesson, line: number) => model.lines[line - 1]?.entries ?? [];

describe("the annotated lesson of a real run (N1, N3, L5)", () => {
  const model = annotateLesson({ lesson: LESSON, lines: lessonLines, plans, report: real });

  it("has every lesson line in order, prose with nothing on it unmarked", () => {
    expect(model.lines.map((line) => line.line)).toEqual(lessonLines.map((_, index) => index + 1));
    expect(model.lines[111]).toEqual({ line: 112, text: "Network ->", mark: null, entries: [] });
  });

  it("marks the lines the steps cite, the finding's line, and the lines of scenarios not in this run as uncovered", () => {
    expect(marks(model, [115, 116, 152, 154, 71, 131])).toEqual([
      [115, "finding"],
      [116, "passed"],
      [152, "passed"],
      [154, "passed"],
      [71, "uncovered"],
      [131, "uncovered"],
    ]);
    const n1 = entries(model, 115).filter((entry) => entry.scenario === "N1");
    expect(n1.map((entry) => [entry.role, entry.step, entry.words])).toEqual([
      ["cites", "alpha cannot resolve beta by name", ["beta does not resolve from alpha"]],
      ["cites", "alpha still reaches beta by IP", ["tcp://172.18.0.3:80 reachable from alpha"]],
      ["finding", "alpha still reaches beta by IP", []],
    ]);
    expect(n1[2]?.finding).toMatchObject({ kind: "lesson-defect", text: expect.stringMatching(/^observed: tcp:\/\/172\.18\.0\.3:80 is reachable/) });
    expect(n1[2]?.finding?.explanation).toMatch(/only half true/);
    // Line 152 is cited by both N1 (from its plan: this older report records no cites) and N3.
    expect([...new Set(entries(model, 152).map((entry) => entry.scenario))]).toEqual(["N1", "N3"]);
  });

  it("marks each instruction of the lesson's Dockerfile with what the build did, and the known issue as a finding", () => {
    expect(marks(model, [26, 28, 30, 31, 33, 39, 41, 127, 143])).toEqual([
      [26, "passed"],
      [28, "passed"],
      [30, "finding"],
      [31, "not-reached"],
      [33, "not-reached"],
      [39, "not-reached"],
      [41, "not-reached"],
      [127, "finding"],
      [143, "not-reached"],
    ]);
    const copy = entries(model, 30);
    expect(copy.map((entry) => [entry.role, entry.build, entry.status, entry.words])).toEqual([
      ["builds", "failed", "failed", ["COPY package* .: failed"]],
      ["finding", null, null, []],
    ]);
    expect(copy[0]?.error?.message).toMatch(/rejected by the classic builder/);
    // The build's error is the instruction's it stopped at, not the ones before it.
    expect(entries(model, 26)[0]?.error).toBeNull();
    expect(copy[1]?.finding?.kind).toBe("known-issue");
    expect(entries(model, 143)[0]?.words).toEqual(["not run: an earlier step failed"]);
  });

  it("marks the same failure failed when the scenario is not a known issue (must differ from the known-issue run)", () => {
    const failed = {
      ...real,
      scenarios: real.scenarios.map((scenario) => (scenario.file.includes("l5-") ? { ...scenario, status: "failed" as const } : scenario)),
    };
    const model = annotateLesson({ lesson: LESSON, lines: lessonLines, plans, report: failed });
    expect(marks(model, [30, 127])).toEqual([
      [30, "failed"],
      [127, "failed"],
    ]);
  });

  it.each(["unverified", "skipped"] as const)("marks a build step that stopped a %s scenario as a finding, never failed", (status) => {
    const run = { ...real, scenarios: real.scenarios.map((scenario) => (scenario.file.includes("l5-") ? { ...scenario, status } : scenario)) };
    const model = annotateLesson({ lesson: LESSON, lines: lessonLines, plans, report: run });
    expect(marks(model, [30, 127])).toEqual([
      [30, "finding"],
      [127, "finding"],
    ]);
    expect(model.counts.failed).toBe(0);
  });
});

describe("the annotated lesson of a synthetic run", () => {
  const model = annotateLesson({ lesson: SYNTHETIC_LESSON, lines: syntheticLines, plans: syntheticPlans, report: syntheticReport });

  it("gives every kind of mark, the worst where two scenarios touch a line", () => {
    expect(model.lines.map((line) => line.mark)).toEqual([
      null,
      null,
      "passed", // 3 S1 ran it
      "failed", // 4 S1 failed it, S2 passed it
      "finding", // 5 S2's note
      "waived", // 6
      "uncovered", // 7
      null,
      null,
      "passed", // 10 FROM cached
      "passed", // 11 RUN ran
      "passed", // 12 CMD: in the image BuildKit made
      "passed", // 13 the build
      "not-reached", // 14 after S1's failure
    ]);
    expect(model.counts).toEqual({ failed: 1, finding: 1, passed: 5, "not-reached": 1, waived: 1, uncovered: 1 });
    expect(entries(model, 4).map((entry) => [entry.scenario, entry.verdict, entry.status, entry.mark])).toEqual([
      ["S1", "failed", "failed", "failed"],
      ["S2", "passed", "passed", "passed"],
    ]);
    // The error is whole in `error`, not repeated as a line of words.
    expect(entries(model, 4)[0]?.words).toEqual([]);
    expect(entries(model, 4)[0]?.error?.message).toMatch(/^expected exit code 0, found 125\n/);
    expect(entries(model, 6)[0]).toMatchObject({ role: "waives", reason: "docker ps only shows what the learner started" });
    expect(entries(model, 12).map((entry) => entry.words)).toEqual([['CMD ["node", "index.js"]: in the image']]);
    expect(entries(model, 10)[0]?.words).toEqual(["FROM node:20: cached"]);
  });

  it("keeps a finding without a line apart, and another lesson's finding out", () => {
    expect(model.unplaced.map((entry) => entry.finding?.text)).toEqual(["a note about the whole lesson"]);
    expect(model.lines.flatMap((line) => line.entries).some((entry) => entry.finding?.text === "about another lesson")).toBe(false);
  });

  it("does not hold CMD as in the image when the build made no image", () => {
    const report = structuredClone(syntheticReport);
    const build = report.scenarios[1]!.steps[2]!.evidence.build as Record<string, unknown>;
    build.imageId = null;
    const failed = annotateLesson({ lesson: SYNTHETIC_LESSON, lines: syntheticLines, plans: syntheticPlans, report });
    expect(failed.lines[11]?.mark).toBe("not-reached");
    expect(entries(failed, 12)[0]?.words).toEqual(['CMD ["node", "index.js"]: not reached']);
  });

  it("gives a build's error to every instruction it reached when no instruction stopped it (an expectation failed)", () => {
    const report = structuredClone(syntheticReport);
    Object.assign(report.scenarios[1]!.steps[2]!, {
      status: "failed",
      error: { code: "E_EXPECTATION", message: 'expected "RUN npm install" to come from the cache' },
    });
    const failed = annotateLesson({ lesson: SYNTHETIC_LESSON, lines: syntheticLines, plans: syntheticPlans, report });
    expect([10, 11, 12].map((line) => entries(failed, line)[0]?.error?.code ?? null)).toEqual(["E_EXPECTATION", "E_EXPECTATION", "E_EXPECTATION"]);
    expect(entries(model, 11)[0]?.error).toBeNull();
  });

  it("shows each engine's result of a scenario run on several engines, the worst marking the line", () => {
    const report = structuredClone(syntheticReport);
    const [s1, s2] = report.scenarios as [ScenarioReport, ScenarioReport];
    const legacy = { ...structuredClone(s2), engine: { name: "legacy", client: null, server: null, builder: null } };
    for (const result of [s1, s2]) Object.assign(result, { engine: { name: "modern", client: null, server: null, builder: null } });
    legacy.steps[0]!.status = "failed";
    const both = annotateLesson({ lesson: SYNTHETIC_LESSON, lines: syntheticLines, plans: syntheticPlans, report: { scenarios: [s1, s2, legacy] } });
    expect(entries(both, 4).map((entry) => [entry.scenario, entry.status])).toEqual([
      ["S1 (modern)", "failed"],
      ["S2 (modern)", "passed"],
      ["S2 (legacy)", "failed"],
    ]);
    // One engine only: no engine in the names.
    expect(entries(model, 4).map((entry) => entry.scenario)).toEqual(["S1", "S2"]);
  });

  it("marks a scenario the report lacks as not reached, and an unverified step as a finding", () => {
    const missing = annotateLesson({ lesson: SYNTHETIC_LESSON, lines: syntheticLines, plans: syntheticPlans, report: { scenarios: [] } });
    expect(marks(missing, [3, 4, 13])).toEqual([
      [3, "not-reached"],
      [4, "not-reached"],
      [13, "not-reached"],
    ]);
    expect(entries(missing, 3)[0]?.words).toEqual(["not run: the run's report does not have this scenario"]);
    const report = structuredClone(syntheticReport);
    report.scenarios[0]!.steps[0]!.status = "unverified";
    expect(annotateLesson({ lesson: SYNTHETIC_LESSON, lines: syntheticLines, plans: syntheticPlans, report }).lines[2]?.mark).toBe("finding");
  });
});
