/**
 * The annotated lesson as one self-contained HTML page: a header saying what the run proved of each lesson (the
 * ledger's headline, per engine too), the legend, then the lesson's lines (annotated-lesson-html-lines.ts). The page
 * is a hast tree serialised by hast-util-to-html, so lesson text (untrusted) is only ever a text node.
 */
import type { Element } from "hast";
import { toHtml } from "hast-util-to-html";
import { h } from "hastscript";
import { PAGE_POLICY, PAGE_SCRIPT, PAGE_STYLE } from "./annotated-lesson-assets.js";
import { type AnnotatedLesson, LINE_MARKS, MARK_LEGEND, MARK_SYMBOL } from "./annotated-lesson.js";
import { type AnnotatedPageOptions, header } from "./annotated-lesson-html-header.js";
import { entryItem, lineItem, markBadge } from "./annotated-lesson-html-lines.js";

export type { AnnotatedPageOptions };

function lessonSection(lesson: AnnotatedLesson, index: number): Element {
  const prefix = `lesson${index + 1}-`;
  const named = lesson.engines.length > 1;
  const counts = lesson.counts.map(({ engine, counts: tally }) => {
    const marked = LINE_MARKS.filter((mark) => tally[mark] > 0).map((mark) => `${tally[mark]} ${MARK_SYMBOL[mark]} ${mark.replace("-", " ")}`);
    return `${named ? `on ${engine}: ` : ""}${marked.join(", ") || "none"}`;
  });
  // The marks column fits one "✓ engine" per engine, so every line's text starts at the same place.
  const width = named ? `${lesson.engines.reduce((total, engine) => total + (engine?.length ?? 1) + 3, 1)}ch` : "1.75rem";
  return h(
    "section.lesson",
    { id: `${prefix}top`, ariaLabel: lesson.lesson },
    h("h2", {}, lesson.lesson),
    h("p.muted", {}, `${lesson.lines.length} lines; marked ${counts.join("; ")}`),
    lesson.unplaced.length > 0
      ? h("div.details", {}, h("h3", {}, "About the whole lesson"), h("ul.plain", {}, lesson.unplaced.map(entryItem)))
      : null,
    h(
      "ol.lines",
      { ariaLabel: `${lesson.lesson}, line by line`, style: `--marks: ${width}` },
      lesson.lines.map((line) => lineItem(line, prefix, lesson.engines)),
    ),
  );
}

const legend = (lessons: readonly AnnotatedLesson[]): Element => {
  const engines = [...new Set(lessons.flatMap((lesson) => lesson.engines))].filter((engine) => engine !== null);
  return h(
    "dl.legend",
    { ariaLabel: "legend" },
    MARK_LEGEND.map(({ mark, words }) => h("div", {}, h("dt", {}, markBadge({ engine: null, mark }, false)), h("dd", {}, words))),
    h("div", {}, h("dt", {}, "no mark"), h("dd", {}, "prose nothing is about")),
    engines.length > 1 ? h("div", {}, h("dt", {}, "engines"), h("dd", {}, `one mark per engine, never merged: ${engines.join(", ")}`)) : null,
  );
};

export function renderAnnotatedLessonHtml(model: AnnotatedLesson | readonly AnnotatedLesson[], options: AnnotatedPageOptions): string {
  const lessons = Array.isArray(model) ? model : [model as AnnotatedLesson];
  const title = options.title ?? "dockproof: the lesson, annotated";
  const tree = h(
    null,
    { type: "doctype" },
    h(
      "html",
      { lang: "en" },
      h(
        "head",
        {},
        h("meta", { charSet: "utf-8" }),
        h("meta", { httpEquiv: "Content-Security-Policy", content: PAGE_POLICY }),
        h("meta", { name: "viewport", content: "width=device-width, initial-scale=1" }),
        h("title", {}, title),
        h("style", {}, PAGE_STYLE),
      ),
      h(
        "body",
        {},
        header(options, lessons),
        h("h2", {}, "Legend"),
        legend(lessons),
        h(
          "p.tools",
          {},
          h("button#open-all", { type: "button" }, "Open every line"),
          h("button#close-all", { type: "button" }, "Close every line"),
          h("label", {}, h("input#only-marked", { type: "checkbox" }), " only marked lines"),
        ),
        h(
          "main",
          {},
          lessons.map(lessonSection),
          (options.missing ?? []).map((lesson) => h("p.muted", {}, `${lesson}: its text could not be read, so it is not shown.`)),
        ),
        h("script", {}, PAGE_SCRIPT),
      ),
    ),
  );
  return `${toHtml(tree)}\n`;
}
