import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { TestModule, Vitest } from "vitest/node";
import { defaultLessonsDir, repoRoot } from "../support/paths.js";
import LessonSummaryReporter, { collectScenarioMeta } from "./lesson-summary-reporter.js";
import { lessonLineReader, renderMarkdownSummary } from "../report/markdown-summary.js";
import type { RunReport } from "../model/report-types.js";
import { parseResults, toResults } from "../report/results-file.js";
import { imagesUsed, recordScenario, type ScenarioMeta } from "./vitest-scenario.js";

const recorded = JSON.parse(readFileSync(join(repoRoot, "fixtures/reports/run-n1-n3.json"), "utf8")) as RunReport;
const [n1, n3] = recorded.scenarios as [RunReport["scenarios"][number], RunReport["scenarios"][number]];

/** What a lesson test does with its context, on a stand-in context. */
async function recordedTest(report: RunReport["scenarios"][number]) {
  const annotations: Array<{ message: string; type?: string }> = [];
  const context = {
    task: { meta: {} as { dockproof?: ScenarioMeta } },
    annotate: async (message: string, type?: string) => annotations.push({ message, type }),
  };
  await recordScenario(context, report, imagesUsed(report, recorded.images, ["docker:dind", "dockproof/probe"]));
  return { meta: context.task.meta, annotations };
}

/** Test modules as vitest hands them to reporters, holding tests with the given task meta. */
const modules = (...metas: Array<ScenarioMeta | undefined>): TestModule[] =>
  [{ children: { allTests: () => metas.map((meta) => ({ meta: () => (meta ? { dockproof: meta } : {}) })) } }] as unknown as TestModule[];

let tmp = "";
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "dockproof-reporter-"));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe("recordScenario", () => {
  it("puts the report and the images it ran on in task meta, and annotates the evidence and each finding", async () => {
    const { meta, annotations } = await recordedTest(n1);
    expect(meta.dockproof?.report).toBe(n1);
    expect(meta.dockproof?.images.map((image) => image.ref)).toEqual(["dockproof/probe", "docker:dind"]);
    expect(annotations).toEqual([
      {
        type: "dockproof",
        message:
          "passed · beta does not resolve from alpha; beta_ip = 172.18.0.3; tcp://172.18.0.3:80 reachable from alpha; tcp://localhost:8080 reachable from harness; tcp://localhost:8080 unreachable from alpha · images: dockproof/probe, docker:dind (substitute)",
      },
      {
        type: "lesson-defect",
        message: expect.stringMatching(
          /^docker-layers-volumes-networks\.txt:115 observed: tcp:\/\/172\.18\.0\.3:80 is reachable from "alpha" .*\(the scenario's explanation: "Docker containers can't talk to each other by default" is only half true/,
        ),
      },
    ]);
  });
});

describe("LessonSummaryReporter", () => {
  it("gathers the scenario reports of a vitest run into the same summary and results `dockproof run` writes", async () => {
    const metas = [(await recordedTest(n3)).meta.dockproof, undefined, (await recordedTest(n1)).meta.dockproof];
    const input = collectScenarioMeta(modules(...metas));
    expect(input.scenarios.map((scenario) => scenario.file).sort()).toEqual([n1.file, n3.file]);
    const options = { lessonLine: lessonLineReader(defaultLessonsDir()) };
    expect(renderMarkdownSummary(input, options)).toBe(renderMarkdownSummary({ ...recorded, durationMs: null }, options));
    const { createdAt: _a, ...fromVitest } = toResults(input);
    const { createdAt: _b, ...fromCli } = toResults(recorded);
    expect(fromVitest).toEqual(fromCli);
  });

  it("keeps a scenario run on two engines as two results; the same scenario and engine twice, once (the last)", async () => {
    const on = (engine: string, status: RunReport["scenarios"][number]["status"]) => ({
      ...n1,
      status,
      engine: { name: engine, client: null, server: null, builder: null },
    });
    const meta = (report: RunReport["scenarios"][number]) => ({ report, images: [] });
    const input = collectScenarioMeta(modules(meta(on("modern", "passed")), meta(on("legacy", "failed")), meta(on("legacy", "passed"))));
    expect(input.scenarios.map((scenario) => [scenario.engine?.name, scenario.status])).toEqual([
      ["modern", "passed"],
      ["legacy", "passed"],
    ]);
    expect(Object.keys(toResults(input).scenarios)).toEqual([`${n1.file}@modern`, `${n1.file}@legacy`]);
  });

  it("writes reports/summary.md, reports/results.json and reports/lessons.junit.xml under vitest's root, and appends to $GITHUB_STEP_SUMMARY", async () => {
    const stepSummary = join(tmp, "step-summary.md");
    await writeFile(stepSummary, "earlier\n");
    vi.stubEnv("GITHUB_STEP_SUMMARY", stepSummary);
    const write = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    try {
      const reporter = new LessonSummaryReporter();
      reporter.onInit({ config: { root: tmp } } as Vitest);
      await reporter.onTestRunEnd(modules((await recordedTest(n1)).meta.dockproof));
    } finally {
      write.mockRestore();
      vi.unstubAllEnvs();
    }
    const summary = await readFile(join(tmp, "reports/summary.md"), "utf8");
    expect(summary).toContain("## dockproof: 1 of 1 lesson scenario holds");
    expect(await readFile(stepSummary, "utf8")).toBe(`earlier\n${summary}\n`);
    const results = parseResults(await readFile(join(tmp, "reports/results.json"), "utf8"), "results.json");
    expect(results.scenarios).toEqual({
      [`${n1.file}@legacy`]: { verdict: "passed", name: n1.name, images: ["dockproof/probe"], file: n1.file, engine: "legacy" },
    });
    const junit = await readFile(join(tmp, "reports/lessons.junit.xml"), "utf8");
    const testCase = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(junit).testsuites.testsuite.testcase;
    expect(testCase).toMatchObject({ classname: n1.lesson.section, name: n1.name });
  });

  it("writes nothing when no lesson test ran (a unit-only run)", async () => {
    const root = join(tmp, "unit-only");
    const reporter = new LessonSummaryReporter({ stepSummary: false });
    reporter.onInit({ config: { root } } as Vitest);
    await reporter.onTestRunEnd(modules(undefined, undefined));
    await expect(readFile(join(root, "reports/summary.md"))).rejects.toThrow(/ENOENT/);
  });
});
