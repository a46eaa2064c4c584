/**
 * The annotated lesson as one self-contained HTML page: the lesson's lines with their numbers and marks, each
 * marked line a <details> whose summary is the line and whose body is each scenario's evidence, errors and findings.
 * The page is a hast tree serialised by hast-util-to-html, so lesson text (untrusted) is only ever a text node.
 */
import type { Element, ElementContent } from "hast";
import { toHtml } from "hast-util-to-html";
import { h } from "hastscript";
import { formatMs } from "../support/deadline.js";
import { PAGE_POLICY, PAGE_SCRIPT, PAGE_STYLE } from "./annotated-lesson-assets.js";
import {
  type AnnotatedLesson,
  type AnnotatedLine,
  LINE_MARKS,
  type LineEntry,
  type LineMark,
  MARK_LEGEND,
  MARK_SYMBOL,
  MARK_WORDS,
} from "./annotated-lesson.js";
import { shortDigest } from "./labels.js";
import { FINDING_WORDS, VERDICT_WORDS } from "./markdown-summary.js";
import type { ImageReport, RunReport, ScenarioStatus } from "../model/report-types.js";

export interface AnnotatedPageOptions {
  /** The run the lessons were annotated from: its verdicts and images go in the header. */
  report: Pick<RunReport, "durationMs" | "images" | "scenarios">;
  title?: string;
  /** Lesson files the run tested whose text could not be read: named, not shown. */
  missing?: readonly string[];
}

const markSpan = (mark: LineMark | null): Element =>
  mark === null
    ? h("span.mark", { ariaHidden: "true" })
    : h("span.mark", { className: [`m-${mark}`], role: "img", ariaLabel: MARK_WORDS[mark], title: MARK_WORDS[mark] }, MARK_SYMBOL[mark]);

/** Verdicts in the page's own symbols: emoji need a colour-emoji font many machines (and headless browsers) lack. */
const VERDICT_SYMBOL: Record<ScenarioStatus, string> = {
  passed: "✓",
  failed: "✗",
  "known-issue": "⚠",
  review: "◎",
  unverified: "?",
  skipped: "–",
  error: "!",
};
const verdictWords = (verdict: ScenarioStatus | null): string =>
  verdict === null ? "not in this run's report" : `${VERDICT_SYMBOL[verdict]} ${VERDICT_WORDS[verdict]}`;

const STATUS_WORDS: Record<NonNullable<LineEntry["status"]>, string> = {
  passed: "passed",
  failed: "failed",
  review: "review: the claim it proves changed",
  unverified: "unverified (could not run here)",
  skipped: "not run",
  "not-run": "not run",
};

function entryItem(entry: LineEntry): Element {
  const mark = markSpan(entry.mark);
  const step = entry.step ? h("q", {}, entry.step) : null;
  if (entry.role === "finding" && entry.finding) {
    return h(
      "li.finding",
      {},
      h("p", {}, mark, " ", h("span.label", {}, `Finding — ${FINDING_WORDS[entry.finding.kind]}`), step ? [" (step ", step, ")"] : null),
      h("p.observed", {}, h("span.label", {}, "Observed: "), entry.finding.text.replace(/^observed:\s*/i, "")),
      entry.finding.explanation
        ? h("p.explanation", {}, h("span.label", {}, "The scenario's words, not observed: "), entry.finding.explanation)
        : null,
    );
  }
  if (entry.role === "waives") {
    return h("li.waiver", {}, h("p", {}, mark, " ", h("span.label", {}, "Waived"), " — the scenario's words, not observed: ", entry.reason ?? ""));
  }
  const how = entry.role === "builds" ? "builds this instruction" : entry.role === "runs" ? "runs this line" : "cites this line";
  const status =
    entry.status === "failed" && entry.verdict === "known-issue" ? "failed, as its known issue says" : STATUS_WORDS[entry.status ?? "not-run"];
  const outcome = entry.build ? `${entry.build} (the step ${status})` : status;
  return h(
    "li.step",
    {},
    h("p", {}, mark, " Step ", step ?? "", ` ${how}: `, h("strong", {}, outcome)),
    entry.command ? h("p", {}, entry.kind === "check" ? "Check: " : "Command as run: ", h("code", {}, entry.command)) : null,
    entry.words.length > 0
      ? h(
          "ul.words",
          {},
          entry.words.map((word) => h("li", {}, word)),
        )
      : null,
    entry.error ? h("pre.error", { ariaLabel: "error" }, `${entry.error.code}: ${entry.error.message}`) : null,
  );
}

/** Each scenario's entries under its name and verdict. */
function lineDetails(line: AnnotatedLine): Element {
  const groups = new Map<string, LineEntry[]>();
  for (const entry of line.entries)
    groups.set(`${entry.scenario} ${entry.scenarioFile}`, [...(groups.get(`${entry.scenario} ${entry.scenarioFile}`) ?? []), entry]);
  const body: ElementContent[] = [];
  if (line.entries.length === 0) body.push(h("p", {}, markSpan(line.mark), ` ${line.mark ? MARK_WORDS[line.mark] : ""}.`));
  for (const entries of groups.values()) {
    const first = entries[0] as LineEntry;
    body.push(
      h("h3", {}, `${first.scenario} — ${verdictWords(first.verdict)} `, h("span.file", {}, first.scenarioFile)),
      h("ul.plain", {}, entries.map(entryItem)),
    );
  }
  return h("div.details", {}, body);
}

function lineItem(line: AnnotatedLine, prefix: string): Element {
  const who = line.mark === "uncovered" ? "uncovered" : [...new Set(line.entries.map((entry) => entry.scenario))].join(" ");
  const row = [h("span.num", {}, String(line.line)), markSpan(line.mark), h("span.text", {}, line.text), h("span.who", {}, who)];
  const id = `${prefix}L${line.line}`;
  if (line.mark === null) return h("li.unmarked", { id, dataLine: String(line.line) }, h("div.row", {}, row));
  return h(
    "li",
    { id, className: [`mark-${line.mark}`], dataLine: String(line.line), dataMark: line.mark },
    h("details", {}, h("summary.row", {}, row), lineDetails(line)),
  );
}

function lessonSection(lesson: AnnotatedLesson, index: number): Element {
  const prefix = `lesson${index + 1}-`;
  const counts = LINE_MARKS.filter((mark) => lesson.counts[mark] > 0).map(
    (mark) => `${lesson.counts[mark]} ${MARK_SYMBOL[mark]} ${mark.replace("-", " ")}`,
  );
  return h(
    "section.lesson",
    { id: `${prefix}top`, ariaLabel: lesson.lesson },
    h("h2", {}, lesson.lesson),
    h("p.muted", {}, `${lesson.lines.length} lines; marked: ${counts.join(", ") || "none"}`),
    lesson.unplaced.length > 0
      ? h("div.details", {}, h("h3", {}, "About the whole lesson"), h("ul.plain", {}, lesson.unplaced.map(entryItem)))
      : null,
    h(
      "ol.lines",
      { ariaLabel: `${lesson.lesson}, line by line` },
      lesson.lines.map((line) => lineItem(line, prefix)),
    ),
  );
}

function imageItem(image: ImageReport): Element {
  const what = image.substitute
    ? h(
        "span",
        {},
        h("strong", {}, "substitute"),
        ` for ${image.substituteFor ?? image.ref}${image.substituteName ? ` (${image.substituteName})` : ""}, built locally`,
      )
    : image.ref.startsWith("dockproof/")
      ? "dockproof's own, built locally"
      : image.digest
        ? "real image from the registry"
        : "real image";
  return h(
    "li",
    {},
    h("code", {}, image.ref),
    " — ",
    what,
    h("span.muted", {}, ` · ${shortDigest(image.id)}${image.digest ? ` · ${shortDigest(image.digest)}` : ""}`),
  );
}

function header(options: AnnotatedPageOptions): Element {
  const { scenarios, images } = options.report;
  const count = (status: ScenarioStatus) => scenarios.filter((scenario) => scenario.status === status).length;
  const holding = count("passed") + count("known-issue");
  const findings = scenarios.reduce((total, scenario) => total + scenario.findings.length, 0);
  const totals = (["passed", "failed", "known-issue", "unverified", "skipped"] as const).map((status) => `${count(status)} ${VERDICT_WORDS[status]}`);
  const duration = options.report.durationMs === null ? "" : ` · ${formatMs(options.report.durationMs)}`;
  return h(
    "header",
    {},
    h("h1", {}, options.title ?? "dockproof: the lesson, annotated"),
    h("p.verdicts", {}, `${holding} of ${scenarios.length} lesson scenarios hold: ${totals.join(", ")} · ${findings} findings${duration}`),
    h(
      "ul.plain",
      { ariaLabel: "scenarios" },
      [...scenarios]
        .sort((a, b) => (a.file < b.file ? -1 : 1))
        .map((scenario) =>
          h(
            "li",
            {},
            `${verdictWords(scenario.status)} — ${scenario.name}${scenario.engine?.name ? ` on ${scenario.engine.name}` : ""} `,
            h("span.file", {}, scenario.file),
          ),
        ),
    ),
    h("h2", {}, "Images"),
    images.length > 0 ? h("ul.plain", {}, images.map(imageItem)) : h("p", {}, "None recorded."),
    images.some((image) => image.substitute)
      ? h(
          "p.muted",
          {},
          "A substitute is a local image that plays the same part where no registry answered; a verdict reached with one is about the substitute.",
        )
      : null,
  );
}

const legend = (): Element =>
  h(
    "dl.legend",
    { ariaLabel: "legend" },
    MARK_LEGEND.map(({ mark, words }) => h("div", {}, h("dt", {}, markSpan(mark)), h("dd", {}, words))),
    h("div", {}, h("dt", {}, "no mark"), h("dd", {}, "prose nothing is about")),
  );

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
        header(options),
        h("h2", {}, "Legend"),
        legend(),
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
