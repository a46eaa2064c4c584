import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { annotatedLessons, writeAnnotatedLesson } from "./annotated-lesson-file.js";
import type { RunReport } from "../model/report-types.js";
import { SYNTHETIC_LESSON, syntheticLines, syntheticPlans, syntheticReport } from "./test-support/synthetic-run.js";

const dir = await mkdtemp(join(tmpdir(), "dockproof-annotated-file-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The synthetic run plus one scenario of a second lesson. */
const report: RunReport = {
  ...syntheticReport,
  scenarios: [
    ...syntheticReport.scenarios,
    { ...syntheticReport.scenarios[1]!, file: "scenarios/a-other.yaml", lesson: { file: "a-other.txt", section: "x", lines: null } },
  ],
};

describe("writeAnnotatedLesson", () => {
  it("writes one page with a section per lesson the run tested, in name order, into a folder it makes", async () => {
    const file = join(dir, "nested/annotated.html");
    const lessons = new Map([
      [SYNTHETIC_LESSON, syntheticLines],
      ["a-other.txt", ["intro", "docker ps"]],
    ]);
    await writeAnnotatedLesson({ report, plans: syntheticPlans, lessons, file });
    const html = await readFile(file, "utf8");
    expect([...html.matchAll(/<section class="lesson" id="(lesson\d-top)" aria-label="([^"]+)">/g)].map((match) => [match[1], match[2]])).toEqual([
      ["lesson1-top", "a-other.txt"],
      ["lesson2-top", SYNTHETIC_LESSON],
    ]);
    expect(html).toMatch(
      /<li class="marked" id="lesson2-L4" data-line="4"><details><summary class="row"><span class="num">4<\/span><span class="marks"><span class="mark m-failed"/,
    );
  });

  it("names a lesson whose text it was not given instead of showing it", () => {
    const { lessons, missing } = annotatedLessons({ report, plans: syntheticPlans, lessons: new Map([[SYNTHETIC_LESSON, syntheticLines]]) });
    expect(lessons.map((lesson) => lesson.lesson)).toEqual([SYNTHETIC_LESSON]);
    expect(missing).toEqual(["a-other.txt"]);
  });
});
