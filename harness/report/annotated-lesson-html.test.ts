import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { annotateLesson } from "./annotated-lesson.js";
import { PAGE_SCRIPT } from "./annotated-lesson-assets.js";
import { renderAnnotatedLessonHtml } from "./annotated-lesson-html.js";
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
      '<li id="lesson1-L4" class="mark-failed" data-line="4" data-mark="failed"><details><summary class="row"><span class="num">4</span><span class="mark m-failed" role="img" aria-label="failed" title="failed">✗</span>',
    );
    expect(html).toContain(
      '<li class="unmarked" id="lesson1-L1" data-line="1"><div class="row"><span class="num">1</span><span class="mark" aria-hidden="true"></span>',
    );
    expect(html).toContain("The scenario's words, not observed: </span>the lesson's &#x3C;script> line is prose &#x26; shown as text");
    expect(html).toContain("Waived</span> — the scenario's words, not observed: docker ps only shows what the learner started");
    expect(html).toContain("<strong>substitute</strong> for nginx (nginx-compat), built locally");
    expect(html).toContain("gone.txt: its text could not be read, so it is not shown.");
    expect(html).toContain("About the whole lesson");
  });
});
