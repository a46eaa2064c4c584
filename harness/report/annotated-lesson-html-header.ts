/**
 * The annotated page's header: what the run proved of each lesson in the ledger's own words (the headline the
 * console, Markdown and JUnit print, per engine too), the known issues it reproduced as lesson defects, the scenarios'
 * verdicts and the images they used.
 */
import type { Element } from "hast";
import { h } from "hastscript";
import type { ImageReport, RunReport, ScenarioStatus } from "../model/report-types.js";
import { formatMs } from "../support/deadline.js";
import type { AnnotatedLesson } from "./annotated-lesson.js";
import { verdictWords } from "./annotated-lesson-html-lines.js";
import { shortDigest } from "./labels.js";

export interface AnnotatedPageOptions {
  /** The run the lessons were annotated from: its verdicts and images go in the header. */
  report: Pick<RunReport, "durationMs" | "images" | "scenarios">;
  title?: string;
  /** Lesson files the run tested whose text could not be read: named, not shown. */
  missing?: readonly string[];
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

const plural = (count: number, word: string, many = `${word}s`) => `${count} ${count === 1 ? word : many}`;

/** What the run proved of each lesson, in the ledger's own words (the console, Markdown and JUnit headline), per engine too. */
function ledgerItems(lessons: readonly AnnotatedLesson[]): Element {
  return h(
    "ul.plain.ledgers",
    { ariaLabel: "what the run proved" },
    lessons.flatMap(({ lesson, ledger }) => [
      h("li.ledger", {}, h("strong", {}, ledger.headline ?? `${lesson}: no result in this run's report`)),
      ...ledger.engines.map(({ engine, headline }) => h("li.ledger", { dataEngine: engine }, `on ${engine}: ${headline}`)),
      ledger.knownIssues.length > 0
        ? h(
            "li.known-issues",
            {},
            `${plural(ledger.knownIssues.length, "known issue")} reproduced, each a lesson defect (never a claim that holds): `,
            ledger.knownIssues
              .map(
                (issue) =>
                  `${issue.line === null ? "the lesson" : `line ${issue.line}`} (${issue.scenario}${issue.engines.length > 0 ? ` on ${issue.engines.join(", ")}` : ""})`,
              )
              .join("; "),
          )
        : null,
    ]),
  );
}

export function header(options: AnnotatedPageOptions, lessons: readonly AnnotatedLesson[]): Element {
  const { scenarios, images } = options.report;
  const count = (status: ScenarioStatus) => scenarios.filter((scenario) => scenario.status === status).length;
  const findings = scenarios.reduce((total, scenario) => total + scenario.findings.length, 0);
  const totals = [
    `${count("passed")} passed`,
    `${count("failed")} failed`,
    `${plural(count("known-issue"), "known issue")} (lesson defects)`,
    `${count("review")} to review`,
    `${count("unverified")} unverified`,
    `${count("skipped")} skipped`,
    plural(count("error"), "error"),
  ];
  const duration = options.report.durationMs === null ? "" : ` · ${formatMs(options.report.durationMs)}`;
  return h(
    "header",
    {},
    h("h1", {}, options.title ?? "dockproof: the lesson, annotated"),
    ledgerItems(lessons),
    h("p.verdicts", {}, `Scenario results: ${totals.join(", ")} · ${plural(findings, "finding")}${duration}`),
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
