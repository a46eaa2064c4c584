import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { annotateLesson, MARK_WORDS } from "./annotated-lesson.js";
import { PAGE_SCRIPT } from "./annotated-lesson-assets.js";
import { renderAnnotatedLessonHtml } from "./annotated-lesson-html.js";
import { PROOF_LESSON, proofLines, proofRun, type ScenarioSpec, type StepSpec } from "./test-support/synthetic-proofs.js";
import { SYNTHETIC_LESSON, syntheticLines, syntheticPlans, syntheticReport } from "./test-support/synthetic-run.js";

const model = annotateLesson({ lesson: SYNTHETIC_LESSON, lines: syntheticLines, plans: syntheticPlans, report: syntheticReport });
const html = renderAnnotatedLessonHtml(model, { report: syntheticReport, missing: ["gone.txt"] });

/** Script elements, resource attributes and event handlers in the page's tags: what would run or fetch. */
const active = (page: string) => {
  const tags = page.match(/<[a-z][^>]*>/gi) ?? [];
  return {
    scripts: tags.filter((tag) => /^<script\b/i.test(tag)).length,
    resources: tags.flatMap((tag) => tag.match(/\s(?:src|href|srcset|action|poster|data)=/gi) ?? []),
    handlers: tags.filter((tag) => /\son\w+=/i.test(tag)),
  };
};

describe("the annotated lesson page", () => {
  it("is one document that runs only its own script and loads nothing", () => {
    expect(html.startsWith('<!doctype html><html lang="en">')).toBe(true);
    expect(active(html)).toEqual({ scripts: 1, resources: [], handlers: [] });
    const hash = createHash("sha256").update(PAGE_SCRIPT).digest("base64");
    const policy = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1]?.replaceAll("&#x27;", "'");
    expect(policy).toContain(`script-src 'sha256-${hash}'`);
    expect(policy).toMatch(/^default-src 'none';/);
  });

  it("escapes the lesson's text, the evidence and the scenario's words", () => {
    expect(html).toContain('<span class="text">&#x3C;script>alert(1)&#x3C;/script></span>');
    expect(html).toContain('Tags: &#x3C;/details>&#x3C;b>bold&#x3C;/b> &#x26; "quotes"');
    expect(html).toContain("tcp://localhost:8080 reachable from harness (&#x3C;img src=x onerror=alert(2)>)");
    // Must-fail twin: the same text inserted raw is what these checks would catch.
    const raw = html.replace("&#x3C;script>alert(1)&#x3C;/script>", "<script>alert(1)</script>").replace("(&#x3C;img", "(<img");
    expect(active(raw)).toEqual({ scripts: 2, resources: [" src="], handlers: ["<img src=x onerror=alert(2)>"] });
  });

  it("numbers every line, gives each mark a text alternative, and labels the scenario's words", () => {
    for (const index of syntheticLines.keys()) expect(html).toContain(`<span class="num">${index + 1}</span>`);
    expect(html).toContain(
      `<li class="marked" id="lesson1-L4" data-line="4"><details><summary class="row"><span class="num">4</span><span class="marks"><span class="mark m-failed" role="img" aria-label="${MARK_WORDS.failed}" title="${MARK_WORDS.failed}" data-mark="failed">✗</span></span>`,
    );
    expect(html).toContain(
      '<li class="unmarked" id="lesson1-L1" data-line="1"><div class="row"><span class="num">1</span><span class="marks"><span class="mark" aria-hidden="true"></span></span>',
    );
    expect(html).toContain("The scenario's words, not observed: </span>the lesson's &#x3C;script> line is prose &#x26; shown as text");
    expect(html).toContain("Waived</span> — the scenario's words, not observed: docker ps only shows what the learner started");
    expect(html).toContain("<strong>substitute</strong> for nginx (nginx-compat), built locally");
    expect(html).toContain("gone.txt: its text could not be read, so it is not shown.");
    expect(html).toContain("About the whole lesson");
  });
});

describe("the page of a run on two engines", () => {
  const page = {
    name: "the page says hello",
    check: "reachable",
    claims: [7],
    evidence: { reachable: true, status: 200, body: "<img src=x onerror=alert(3)>hello" },
  };
  const start: StepSpec = { name: "start web", run: proofLines[7], runsLesson: 8 };
  const specs: ScenarioSpec[] = [
    { file: "scenarios/p1.yaml", name: "P1 proofs", engine: "modern", steps: [start, page] },
    {
      file: "scenarios/p1.yaml",
      name: "P1 proofs",
      engine: "legacy",
      status: "failed",
      steps: [
        { ...start, status: "failed" },
        { ...page, status: "skipped" },
      ],
    },
  ];
  const { plans, report } = proofRun(specs);
  const model = annotateLesson({ lesson: PROOF_LESSON, lines: proofLines, plans, report });
  const twoEngines = renderAnnotatedLessonHtml(model, { report });

  it("shows one named mark per engine on a line, each with its own text alternative", () => {
    const words = (engine: string, mark: keyof typeof MARK_WORDS) => `${engine}: ${MARK_WORDS[mark]}`.replaceAll("'", "&#x27;");
    expect(twoEngines).toContain(
      `<span class="marks"><span class="mark m-passed" role="img" aria-label="${words("modern", "passed")}" title="${words("modern", "passed")}" data-mark="passed" data-engine="modern">✓ modern</span><span class="mark m-failed" role="img" aria-label="${words("legacy", "failed")}" title="${words("legacy", "failed")}" data-mark="failed" data-engine="legacy">✗ legacy</span></span>`,
    );
    expect(twoEngines).toContain('data-engine="legacy">○ legacy</span>');
  });

  it("shows the body the check saw, escaped, under the engine that saw it", () => {
    expect(twoEngines).toContain('<pre class="observed">&#x3C;img src=x onerror=alert(3)>hello</pre>');
    expect(active(twoEngines)).toEqual({ scripts: 1, resources: [], handlers: [] });
    const details = twoEngines.slice(twoEngines.indexOf('id="lesson1-L7"'), twoEngines.indexOf('id="lesson1-L8"'));
    expect(details.indexOf("On modern")).toBeLessThan(details.indexOf("Observed, HTTP 200 body:"));
    expect(details.indexOf("Observed, HTTP 200 body:")).toBeLessThan(details.indexOf("On legacy"));
  });

  it("heads the page with the ledger's headline, per engine, and never says scenarios hold", () => {
    expect(twoEngines).toContain(`<li class="ledger"><strong>${model.ledger.headline}</strong></li>`);
    expect(model.ledger.headline).toMatch(/^proofs\.txt: 1 claim — 0 proved/);
    expect(twoEngines).toContain(`<li class="ledger" data-engine="modern">on modern: ${model.ledger.engines[0]?.headline}</li>`);
    expect(model.ledger.engines[0]?.headline).toMatch(/1 claim — 1 proved/);
    const header = twoEngines.slice(twoEngines.indexOf("<header>"), twoEngines.indexOf("</header>"));
    expect(header).not.toMatch(/\bhold\b/);
    // Twin: the old headline would be caught.
    expect(`${header}<p>1 of 2 lesson scenarios hold</p>`).toMatch(/\bhold\b/);
  });
});
