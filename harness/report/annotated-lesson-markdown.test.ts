import { describe, expect, it } from "vitest";
import { annotateLesson } from "./annotated-lesson.js";
import { annotatedLessonMarkdown } from "./annotated-lesson-markdown.js";
import { PROOF_LESSON, proofLines, proofRun, type ScenarioSpec, type StepSpec } from "./test-support/synthetic-proofs.js";

const page: StepSpec = {
  name: "the page says hello",
  check: "reachable",
  claims: [7],
  evidence: { reachable: true, status: 200, body: "<b>hello</b> | `x`" },
};
const steps: StepSpec[] = [
  { name: "start web", run: proofLines[7], runsLesson: 8 },
  page,
  { name: "read the logs", run: proofLines[9], runsLesson: 10 },
];
const modern: ScenarioSpec = { file: "scenarios/p1.yaml", name: "P1 proofs", engine: "modern", steps };
/** Legacy failed at line 8, so it never reached lines 7 and 10. */
const legacy: ScenarioSpec = {
  ...modern,
  engine: "legacy",
  status: "failed",
  steps: steps.map((step, index) => ({ ...step, status: index === 0 ? "failed" : "skipped" })),
};

const markdown = (specs: ScenarioSpec[]) => {
  const { plans, report } = proofRun(specs);
  return annotatedLessonMarkdown([annotateLesson({ lesson: PROOF_LESSON, lines: proofLines, plans, report })]);
};
const block = (lines: string[]) => lines.slice(lines.indexOf("```text") + 1, lines.lastIndexOf("```"));

describe("the annotated lesson in Markdown, on two engines", () => {
  const lines = markdown([modern, legacy]);

  it("gives each line one mark per engine in the code block, in the order it names", () => {
    expect(lines).toContain("One mark per engine, left to right: modern, legacy.");
    expect(block(lines).filter((line) => /^ ?(7|8|10) /.test(line))).toEqual([
      " 7 ✓ ○ The page says hello.",
      " 8 ✓ ✗ docker run -d --name web -p 8080:80 nginx",
      "10 ✓ ○ docker logs web",
    ]);
    // Twin: legacy passing too.
    expect(block(markdown([modern, { ...modern, engine: "legacy" }]))).toContain("10 ✓ ✓ docker logs web");
  });

  it("says per engine what each scenario did, with the body a check saw, escaped", () => {
    expect(lines.filter((line) => line.startsWith("- **"))).toEqual([
      "- **7** ✓ modern ○ legacy — modern: P1: ✓ the page says hello: passed; HTTP 200 body: &lt;b>hello&lt;/b> \\| 'x' — legacy: P1: ○ the page says hello: not run: an earlier step failed",
      "- **8** ✓ modern ✗ legacy — modern: P1: ✓ start web: passed — legacy: P1: ✗ start web: E_EXPECTATION: start web: its expectation failed",
      "- **10** ✓ modern ○ legacy — modern: P1: ✓ read the logs: passed — legacy: P1: ○ read the logs: not run: an earlier step failed",
    ]);
    expect(lines).toContain("**proofs.txt** — on modern: 3 ✓ passed, 1 ○ uncovered; on legacy: 1 ✗ failed, 2 ○ not reached, 1 ○ uncovered");
  });

  it("keeps one mark column and no engine names for a run on one engine", () => {
    const single = markdown([{ ...modern, engine: undefined }]);
    expect(single.some((line) => line.startsWith("One mark per engine"))).toBe(false);
    expect(block(single)).toContain("10 ✓ docker logs web");
    expect(single).toContain("- **10** ✓ P1: ✓ read the logs: passed");
  });
});
