import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readLessonFile } from "../lesson/lesson-file.js";
import { loadPlans } from "../scenario/load-scenarios.js";
import { defaultLessonsDir, repoRoot } from "../support/paths.js";
import { type AnnotatedLesson, annotateLesson } from "./annotated-lesson.js";
import { ledgerHeadline, runLedgers } from "./run-ledger.js";
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

/** Each line's marks: "passed" for one engine, "passed@modern not-reached@legacy" for several. */
const marks = (model: AnnotatedLesson, lines: number[]) =>
  lines.map((line) => [
    line,
    (model.lines[line - 1]?.marks ?? []).map((mark) => (model.engines.length > 1 ? `${mark.mark}@${mark.engine}` : mark.mark)).join(" ") || null,
  ]);
const entries = (model: AnnotatedLesson, line: number) => model.lines[line - 1]?.entries ?? [];

describe("the annotated lesson of an older real run (N1, N3, L5: no engines, its plans fill in what the report lacks)", () => {
  const model = annotateLesson({ lesson: LESSON, lines: lessonLines, plans, report: real });

  it("has every lesson line in order, prose with nothing on it unmarked, one mark per line", () => {
    expect(model.lines.map((line) => line.line)).toEqual(lessonLines.map((_, index) => index + 1));
    expect(model.lines[111]).toEqual({ line: 112, text: "Network ->", marks: [], entries: [] });
    expect(model.engines).toEqual([null]);
    expect(model.lines.every((line) => line.marks.length <= 1)).toBe(true);
  });

  it("marks the claims the steps prove, the contradicted claim as a lesson defect, and the lines of scenarios not in this run as uncovered", () => {
    expect(marks(model, [115, 116, 152, 154, 71, 131])).toEqual([
      [115, "defect"],
      [116, "passed"],
      [152, "passed"],
      [154, "passed"],
      [71, "uncovered"],
      [131, "uncovered"],
    ]);
    const n1 = entries(model, 115).filter((entry) => entry.scenario === "N1");
    expect(n1.map((entry) => [entry.role, entry.step, entry.mark, entry.words])).toEqual([
      ["claims", "alpha cannot resolve beta by name", "passed", ["beta does not resolve from alpha"]],
      ["contradicts", "alpha still reaches beta by IP", "defect", ["tcp://172.18.0.3:80 reachable from alpha"]],
      ["finding", "alpha still reaches beta by IP", "defect", []],
    ]);
    expect(n1[2]?.finding).toMatchObject({ kind: "lesson-defect", text: expect.stringMatching(/^observed: tcp:\/\/172\.18\.0\.3:80 is reachable/) });
    expect(n1[2]?.finding?.explanation).toMatch(/only half true/);
    // Line 152 is proved by both N1 (from its plan: this older report records no claims) and N3.
    expect([...new Set(entries(model, 152).map((entry) => entry.scenario))]).toEqual(["N1", "N3"]);
  });

  it("marks each instruction of the lesson's Dockerfile with what the build did: the known issue a lesson defect, what ran before it partial", () => {
    expect(marks(model, [26, 28, 30, 31, 33, 39, 41, 127, 143])).toEqual([
      [26, "partial"],
      [28, "partial"],
      [30, "defect"],
      [31, "not-reached"],
      [33, "not-reached"],
      [39, "not-reached"],
      [41, "not-reached"],
      [127, "partial"],
      [143, "not-reached"],
    ]);
    const copy = entries(model, 30);
    expect(copy.map((entry) => [entry.role, entry.build, entry.status, entry.words])).toEqual([
      ["builds", "failed", "failed", ["COPY package* .: failed"]],
      ["finding", null, null, []],
    ]);
    expect(copy[0]?.error?.message).toMatch(/rejected by the classic builder/);
    // The build's error is the instruction's it stopped at, not the ones before it; those say where it stopped.
    expect(entries(model, 26)[0]).toMatchObject({ error: null, words: ["FROM node:20: ran", "the build stopped at line 30"] });
    expect(entries(model, 127)[0]?.words.at(-1)).toBe("its build stopped at line 30");
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
      [127, "partial"],
    ]);
  });

  it.each(["unverified", "skipped"] as const)("marks the instruction a build of a %s scenario stopped at unverified, never failed", (status) => {
    const run = { ...real, scenarios: real.scenarios.map((scenario) => (scenario.file.includes("l5-") ? { ...scenario, status } : scenario)) };
    const model = annotateLesson({ lesson: LESSON, lines: lessonLines, plans, report: run });
    expect(marks(model, [30, 127])).toEqual([
      [30, "defect"], // its known-issue finding still names the line
      [127, "partial"],
    ]);
    expect(entries(model, 30)[0]?.mark).toBe("unverified");
    expect(model.counts[0]?.counts.failed).toBe(0);
  });
});

/** The seed suite run on both engines, recorded (registry host names redacted), with every scenario's plan. */
const seed = recorded("run-seed-two-engines.json");
const seedPlans = (await loadPlans([join(repoRoot, "scenarios")], { lessonsDir: defaultLessonsDir() })).plans;

describe("the seed suite run on two engines (fixtures/reports/run-seed-two-engines.json)", () => {
  const model = annotateLesson({ lesson: LESSON, lines: lessonLines, plans: seedPlans, report: seed });

  it("gives every marked line one mark per engine, in the run's order", () => {
    expect(model.engines).toEqual(["modern", "legacy"]);
    const marked = model.lines.filter((line) => line.marks.length > 0);
    expect(marked.length).toBeGreaterThan(40);
    for (const line of marked) expect(line.marks.map((mark) => mark.engine)).toEqual(["modern", "legacy"]);
  });

  it("keeps the engines apart where they differ: the classic builder stops at line 30, BuildKit gets to line 34", () => {
    expect(marks(model, [26, 30, 31, 33, 34, 36, 41])).toEqual([
      [26, "passed@modern partial@legacy"],
      [30, "passed@modern defect@legacy"],
      [31, "passed@modern not-reached@legacy"],
      [33, "passed@modern not-reached@legacy"],
      // Offline, prisma's download is out of reach: this machine's limit, not the lesson's.
      [34, "unverified@modern not-reached@legacy"],
      [36, "not-reached@modern not-reached@legacy"],
      [41, "defect@modern defect@legacy"],
    ]);
  });

  it("marks L4's demonstration ~ and the lesson's own command ✓ where another scenario ran it verbatim", () => {
    expect(marks(model, [48, 127, 115, 64])).toEqual([
      [48, "demonstrated@modern demonstrated@legacy"],
      [127, "passed@modern passed@legacy"],
      [115, "defect@modern defect@legacy"],
      [64, "defect@modern defect@legacy"],
    ]);
    expect(entries(model, 127).find((entry) => entry.scenario === "L4")?.mark).toBe("demonstrated");
  });

  it("carries the ledger's own headline, per engine too, and the known issues as lesson defects", () => {
    const texts = new Map([[LESSON, lessonLines]]);
    expect(model.ledger.headline).toBe(ledgerHeadline(runLedgers(seed.scenarios, texts)[0]!));
    expect(model.ledger.engines.map((entry) => entry.engine)).toEqual(["modern", "legacy"]);
    const legacy = seed.scenarios.filter((scenario) => scenario.engine?.name === "legacy");
    expect(model.ledger.engines[1]?.headline).toBe(ledgerHeadline(runLedgers(legacy, texts)[0]!));
    expect(model.ledger.knownIssues).toEqual([
      { line: 41, scenario: "L6", engines: ["modern", "legacy"] },
      { line: 30, scenario: "L5", engines: ["legacy"] },
    ]);
  });
});

describe("the annotated lesson of a synthetic run", () => {
  const model = annotateLesson({ lesson: SYNTHETIC_LESSON, lines: syntheticLines, plans: syntheticPlans, report: syntheticReport });

  it("gives every kind of mark, the worst where two scenarios touch a line", () => {
    expect(model.lines.map((line) => line.marks.map((mark) => mark.mark).join(" ") || null)).toEqual([
      null,
      null,
      "passed", // 3 S1 ran it
      "failed", // 4 S1 failed it, S2 passed it
      "demonstrated", // 5 S2's check cites it (and its note)
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
    expect(model.counts).toEqual([
      {
        engine: null,
        counts: {
          failed: 1,
          defect: 0,
          review: 0,
          passed: 5,
          unverified: 0,
          partial: 0,
          demonstrated: 1,
          note: 0,
          "not-reached": 1,
          waived: 1,
          uncovered: 1,
        },
      },
    ]);
    expect(entries(model, 4).map((entry) => [entry.scenario, entry.verdict, entry.status, entry.mark])).toEqual([
      ["S1", "failed", "failed", "failed"],
      ["S2", "passed", "passed", "passed"],
    ]);
    // The error is whole in `error`, not repeated as a line of words.
    expect(entries(model, 4)[0]?.words).toEqual([]);
    expect(entries(model, 4)[0]?.error?.message).toMatch(/^expected exit code 0, found 125\n/);
    expect(entries(model, 5).map((entry) => [entry.role, entry.mark])).toEqual([
      ["cites", "demonstrated"],
      ["finding", "note"],
    ]);
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
    expect(failed.lines[11]?.marks).toEqual([{ engine: null, mark: "not-reached" }]);
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
    expect([10, 11, 12].map((line) => entries(failed, line)[0]?.mark)).toEqual(["failed", "failed", "failed"]);
    expect(entries(model, 11)[0]?.error).toBeNull();
  });

  it("gives each engine its own mark, never the worst of both", () => {
    const report = structuredClone(syntheticReport);
    const [s1, s2] = report.scenarios as [ScenarioReport, ScenarioReport];
    const legacy = { ...structuredClone(s2), engine: { name: "legacy", client: null, server: null, builder: null } };
    const modernS1 = { ...structuredClone(s1), engine: { name: "modern", client: null, server: null, builder: null } };
    for (const result of [s1, s2]) Object.assign(result, { engine: { name: "modern", client: null, server: null, builder: null } });
    legacy.steps[0]!.status = "failed";
    legacy.status = "failed";
    const legacyS1 = { ...modernS1, engine: { name: "legacy", client: null, server: null, builder: null } };
    const both = annotateLesson({
      lesson: SYNTHETIC_LESSON,
      lines: syntheticLines,
      plans: syntheticPlans,
      report: { scenarios: [s1, s2, legacyS1, legacy] },
    });
    expect(entries(both, 4).map((entry) => [entry.scenario, entry.engine, entry.status])).toEqual([
      ["S1", "modern", "failed"],
      ["S1", "legacy", "failed"],
      ["S2", "modern", "passed"],
      ["S2", "legacy", "failed"],
    ]);
    expect(marks(both, [3, 13])).toEqual([
      [3, "passed@modern passed@legacy"],
      [13, "passed@modern passed@legacy"],
    ]);
    // One engine only: one mark, named by no engine in the page.
    expect(model.engines).toEqual([null]);
  });

  it("marks a scenario the report lacks as not reached, and an unverified step as unverified", () => {
    const missing = annotateLesson({ lesson: SYNTHETIC_LESSON, lines: syntheticLines, plans: syntheticPlans, report: { scenarios: [] } });
    expect(marks(missing, [3, 4, 10, 13])).toEqual([
      [3, "not-reached"],
      [4, "not-reached"],
      [10, "not-reached"],
      [13, "not-reached"],
    ]);
    expect(entries(missing, 3)[0]?.words).toEqual(["not run: the run's report does not have this scenario"]);
    expect(entries(missing, 10)[0]).toMatchObject({ role: "file-unused", words: ["not run: the run's report does not have this scenario"] });
    const report = structuredClone(syntheticReport);
    report.scenarios[0]!.steps[0]!.status = "unverified";
    expect(marks(annotateLesson({ lesson: SYNTHETIC_LESSON, lines: syntheticLines, plans: syntheticPlans, report }), [3])).toEqual([
      [3, "unverified"],
    ]);
  });
});
