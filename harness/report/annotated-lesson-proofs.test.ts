/**
 * The annotated lesson's proof rules on small synthetic runs, each with a twin that differs in one thing and must
 * get another mark: ✓ only where the lesson's own text passed on that engine.
 */
import { describe, expect, it } from "vitest";
import { type AnnotatedLesson, annotateLesson, MARK_SYMBOL, MARK_WORDS } from "./annotated-lesson.js";
import { OBSERVED_MAX } from "./annotated-lesson-observed.js";
import { PROOF_LESSON, proofLines, proofRun, type ScenarioSpec, type StepSpec } from "./test-support/synthetic-proofs.js";

const annotate = (specs: readonly ScenarioSpec[]): AnnotatedLesson => {
  const { plans, report } = proofRun(specs);
  return annotateLesson({ lesson: PROOF_LESSON, lines: proofLines, plans, report });
};
/** A line's marks as the page shows them: "✓" alone, or "✓ modern ○ legacy". */
const shown = (model: AnnotatedLesson, line: number): string =>
  (model.lines[line - 1]?.marks ?? [])
    .map((mark) => `${MARK_SYMBOL[mark.mark]}${mark.engine && model.engines.length > 1 ? ` ${mark.engine}` : ""}`)
    .join(" ");
const entries = (model: AnnotatedLesson, line: number) => model.lines[line - 1]?.entries ?? [];

const one = (steps: StepSpec[], extra: Partial<ScenarioSpec> = {}): ScenarioSpec => ({
  file: "scenarios/p1.yaml",
  name: "P1 proofs",
  steps,
  ...extra,
});
const runWeb: StepSpec = { name: "start web", run: proofLines[7], runsLesson: 8 };

describe("✓ is the lesson's own text passing; anything else says what it is", () => {
  it("marks a line a demonstration ran ~, naming the command that ran; the same step outside a demonstration ✓", () => {
    const demonstration = annotate([one([runWeb], { demonstration: "the principle on an nginx of our own" })]);
    expect(shown(demonstration, 8)).toBe("~");
    expect(entries(demonstration, 8)[0]).toMatchObject({
      mark: "demonstrated",
      command: proofLines[7],
      demonstration: "the principle on an nginx of our own",
    });
    expect(MARK_WORDS.demonstrated).toMatch(/^demonstrated by another command/);
    // Twin: no demonstration, the lesson's line run verbatim.
    expect(shown(annotate([one([runWeb])]), 8)).toBe("✓");
  });

  it("marks a line a passing step only cites ~ (another command ran), never ✓", () => {
    const cited = annotate([one([{ name: "start web on 9090", run: "docker run -d --name web -p 9090:80 nginx", cites: [8] }])]);
    expect(shown(cited, 8)).toBe("~");
    expect(entries(cited, 8)[0]).toMatchObject({ role: "cites", command: "docker run -d --name web -p 9090:80 nginx" });
  });

  it("marks a claim a passing check proves ✓, and one it merely cites ~", () => {
    const page = {
      name: "the page says hello",
      check: "reachable",
      evidence: { target: "http://localhost:8080/", reachable: true, status: 200, body: "<h1>hello</h1>" },
    };
    const proved = annotate([one([runWeb, { ...page, claims: [7] }])]);
    expect(shown(proved, 7)).toBe("✓");
    expect(entries(proved, 7)[0]?.observed).toEqual([{ label: "HTTP 200 body", text: "<h1>hello</h1>" }]);
    expect(shown(annotate([one([runWeb, { ...page, cites: [7] }])]), 7)).toBe("~");
  });

  it("marks a claim a passing step contradicts as a lesson defect, never ✓ (its twin that proves it is ✓)", () => {
    const documents = [{ title: "kept" }, { title: "also kept" }];
    const count: StepSpec = {
      name: "the data is still there",
      check: "mongo-count",
      evidence: { namespace: "course.notes", count: 2, expected: 2, documents },
    };
    const contradicted = annotate([one([{ ...count, contradicts: [9] }])]);
    expect(shown(contradicted, 9)).toBe("⚠");
    expect(entries(contradicted, 9)[0]).toMatchObject({ role: "contradicts", mark: "defect" });
    expect(MARK_WORDS.defect).toMatch(/^lesson defect: the run contradicts this line/);
    expect(entries(contradicted, 9)[0]?.observed).toEqual([{ label: "documents counted", text: JSON.stringify(documents) }]);
    expect(shown(annotate([one([{ ...count, claims: [9] }])]), 9)).toBe("✓");
  });

  it("trims what a check saw to a few hundred characters, as text", () => {
    const body = `<p>${"x".repeat(600)}</p>`;
    const model = annotate([one([{ name: "page", check: "reachable", claims: [7], evidence: { reachable: true, status: 200, body } }])]);
    const seen = entries(model, 7)[0]?.observed[0]?.text ?? "";
    expect(seen).toHaveLength(OBSERVED_MAX);
    expect(seen).toBe(`${body.slice(0, OBSERVED_MAX - 1)}…`);
  });
});

describe("one mark per engine, never merged", () => {
  const modern = one([runWeb, { name: "read the logs", run: proofLines[9], runsLesson: 10 }], { engine: "modern" });
  const legacyStopped = one(
    [
      { ...runWeb, status: "failed" },
      { name: "read the logs", run: proofLines[9], runsLesson: 10, status: "skipped" },
    ],
    {
      engine: "legacy",
      status: "failed",
    },
  );

  it("shows ✓ modern ○ legacy on a line the legacy run never reached, and ✗ legacy where it failed", () => {
    const model = annotate([modern, legacyStopped]);
    expect(model.engines).toEqual(["modern", "legacy"]);
    expect(shown(model, 10)).toBe("✓ modern ○ legacy");
    expect(shown(model, 8)).toBe("✓ modern ✗ legacy");
    expect(entries(model, 10).map((entry) => [entry.engine, entry.status])).toEqual([
      ["modern", "passed"],
      ["legacy", "skipped"],
    ]);
    // Twin: legacy got there and passed.
    expect(shown(annotate([modern, { ...modern, engine: "legacy" }]), 10)).toBe("✓ modern ✓ legacy");
  });

  it("marks a line ○ on an engine the run used but the scenario has no result on", () => {
    const other = { file: "scenarios/p2.yaml", name: "P2 logs", engine: "legacy", steps: [{ name: "nothing here", run: "docker ps" }] };
    expect(shown(annotate([modern, other]), 10)).toBe("✓ modern ○ legacy");
    expect(shown(annotate([modern, other, { ...modern, engine: "legacy" }]), 10)).toBe("✓ modern ✓ legacy");
  });

  it("counts marks per engine", () => {
    const model = annotate([modern, legacyStopped]);
    expect(model.counts.map(({ engine, counts }) => [engine, counts.passed, counts.failed, counts["not-reached"]])).toEqual([
      ["modern", 2, 0, 0],
      ["legacy", 0, 1, 1],
    ]);
  });
});

describe("lines of a file written from the lesson are marked by the step that used it", () => {
  const compose = { path: "compose.yaml", lines: [3, 5] as [number, number] };
  const up: StepSpec = { name: "start the stack", run: proofLines[1], runsLesson: 2 };

  it("marks a compose file's lines ✓ when its compose step passed, and ○ when that step never ran", () => {
    const used = annotate([one([up], { lessonFiles: [compose] })]);
    expect([3, 4, 5, 6].map((line) => shown(used, line))).toEqual(["✓", "✓", "✓", ""]);
    expect(entries(used, 4)[0]).toMatchObject({ role: "uses-file", file: "compose.yaml", command: "docker compose up -d" });
    const never = annotate([
      one(
        [
          { ...runWeb, status: "failed" },
          { ...up, status: "skipped" },
        ],
        { lessonFiles: [compose], status: "failed" },
      ),
    ]);
    expect([3, 4, 5].map((line) => shown(never, line))).toEqual(["○", "○", "○"]);
  });

  it("marks a lesson file no step used ○, never ✓, saying so", () => {
    const unused = annotate([one([runWeb], { lessonFiles: [compose] })]);
    expect(shown(unused, 4)).toBe("○");
    expect(entries(unused, 4)[0]).toMatchObject({ role: "file-unused", words: ["no step used compose.yaml"] });
  });

  it("marks them ~ when the step that used the file is a demonstration's", () => {
    expect(shown(annotate([one([up], { lessonFiles: [compose], demonstration: "our own stack" })]), 4)).toBe("~");
  });
});
