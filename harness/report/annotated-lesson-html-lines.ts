/**
 * The lesson's lines on the annotated page: each marked line a <details> whose summary is the line with one mark per
 * engine, and whose body lists per engine and scenario what each step did there and observed. Everything from the
 * lesson or the run is a text node (hast), never markup.
 */
import type { Element, ElementContent } from "hast";
import { h } from "hastscript";
import { type AnnotatedLine, type EngineMark, type EntryRole, type LineEntry, MARK_SYMBOL, MARK_WORDS } from "./annotated-lesson.js";
import { FINDING_WORDS, VERDICT_WORDS } from "./markdown-summary.js";
import type { ScenarioStatus } from "../model/report-types.js";

/** Verdicts in the page's own symbols: emoji need a colour-emoji font many machines (and headless browsers) lack. */
export const VERDICT_SYMBOL: Record<ScenarioStatus, string> = {
  passed: "✓",
  failed: "✗",
  "known-issue": "⚠",
  review: "◎",
  unverified: "?",
  skipped: "–",
  error: "!",
};
export const verdictWords = (verdict: ScenarioStatus | null): string =>
  verdict === null ? "not in this run's report" : `${VERDICT_SYMBOL[verdict]} ${VERDICT_WORDS[verdict]}`;

/** One engine's mark: its symbol (and the engine's name when the run used several), with a text alternative. */
export function markBadge(mark: EngineMark | null, named: boolean): Element {
  if (mark === null) return h("span.mark", { ariaHidden: "true" });
  const words = `${mark.engine && named ? `${mark.engine}: ` : ""}${MARK_WORDS[mark.mark]}`;
  const properties = {
    className: [`m-${mark.mark}`],
    role: "img",
    ariaLabel: words,
    title: words,
    dataMark: mark.mark,
    dataEngine: mark.engine ?? undefined,
  };
  return h("span.mark", properties, named && mark.engine ? `${MARK_SYMBOL[mark.mark]} ${mark.engine}` : MARK_SYMBOL[mark.mark]);
}

const STATUS_WORDS: Record<NonNullable<LineEntry["status"]>, string> = {
  passed: "passed",
  failed: "failed",
  review: "review: the claim it proves changed",
  unverified: "unverified: could not run here",
  skipped: "not run",
  "not-run": "not run",
};

/** How the entry's step is about the line. */
const HOW: Partial<Record<EntryRole, string>> = {
  runs: "runs this line verbatim",
  claims: "proves this claim",
  contradicts: "contradicts this claim (a lesson defect)",
  builds: "builds this instruction",
};
const how = (entry: LineEntry): string =>
  entry.role === "uses-file" ? `uses ${entry.file ?? "the lesson file"}, which holds this line` : (HOW[entry.role] ?? "cites this line");

function stepItem(entry: LineEntry): Element {
  const status =
    entry.status === "failed" && entry.verdict === "known-issue" ? "failed, as its known issue says" : STATUS_WORDS[entry.status ?? "not-run"];
  const outcome = entry.build ? `${entry.build} (the step ${status})` : status;
  const demonstrated = entry.mark === "demonstrated";
  return h(
    "li.step",
    {},
    h("p", {}, markBadge(entry, false), " Step ", entry.step ? h("q", {}, entry.step) : "", ` ${how(entry)}: `, h("strong", {}, outcome)),
    entry.command
      ? h(
          "p",
          {},
          demonstrated ? "Demonstrated by another command: " : entry.kind === "check" ? "Check: " : "Command as run: ",
          h("code", {}, entry.command),
        )
      : null,
    demonstrated && entry.demonstration
      ? h("p.explanation", {}, h("span.label", {}, "A demonstration, in the scenario's words: "), entry.demonstration)
      : null,
    entry.words.length > 0
      ? h(
          "ul.words",
          {},
          entry.words.map((word) => h("li", {}, word)),
        )
      : null,
    entry.observed.flatMap((seen) => [h("p.seen", {}, h("span.label", {}, `Observed, ${seen.label}:`)), h("pre.observed", {}, seen.text)]),
    entry.error ? h("pre.error", { ariaLabel: "error" }, `${entry.error.code}: ${entry.error.message}`) : null,
  );
}

export function entryItem(entry: LineEntry): Element {
  const mark = markBadge(entry, false);
  if (entry.role === "finding" && entry.finding) {
    return h(
      "li.finding",
      {},
      h(
        "p",
        {},
        mark,
        " ",
        h("span.label", {}, `Finding — ${FINDING_WORDS[entry.finding.kind]}`),
        entry.step ? [" (step ", h("q", {}, entry.step), ")"] : null,
      ),
      h("p.observed", {}, h("span.label", {}, "Observed: "), entry.finding.text.replace(/^observed:\s*/i, "")),
      entry.finding.explanation
        ? h("p.explanation", {}, h("span.label", {}, "The scenario's words, not observed: "), entry.finding.explanation)
        : null,
    );
  }
  if (entry.role === "waives") {
    return h("li.waiver", {}, h("p", {}, mark, " ", h("span.label", {}, "Waived"), " — the scenario's words, not observed: ", entry.reason ?? ""));
  }
  if (entry.role === "file-unused") return h("li.step", {}, h("p", {}, mark, " ", entry.words.join("; ")));
  return stepItem(entry);
}

/** Per engine, each scenario's entries under its name and verdict; an engine with none never reached the line. */
function lineDetails(line: AnnotatedLine, engines: ReadonlyArray<string | null>): Element {
  const body: ElementContent[] = [];
  if (line.entries.length === 0)
    body.push(h("p", {}, markBadge(line.marks[0] ?? null, false), ` ${line.marks[0] ? MARK_WORDS[line.marks[0].mark] : ""}.`));
  const named = engines.length > 1;
  for (const engine of line.entries.length > 0 ? engines : []) {
    const entries = line.entries.filter((entry) => entry.engine === engine);
    const mark = line.marks.find((candidate) => candidate.engine === engine) ?? null;
    if (named) body.push(h("h3.engine", {}, markBadge(mark, true), ` On ${engine}`));
    if (entries.length === 0) body.push(h("p", {}, `No scenario reached this line on ${engine}.`));
    const groups = new Map<string, LineEntry[]>();
    for (const entry of entries) groups.set(entry.scenarioFile, [...(groups.get(entry.scenarioFile) ?? []), entry]);
    for (const group of groups.values()) {
      const first = group[0] as LineEntry;
      body.push(
        h("h4", {}, `${first.scenario} — ${verdictWords(first.verdict)} `, h("span.file", {}, first.scenarioFile)),
        h("ul.plain", {}, group.map(entryItem)),
      );
    }
  }
  return h("div.details", {}, body);
}

export function lineItem(line: AnnotatedLine, prefix: string, engines: ReadonlyArray<string | null>): Element {
  const named = engines.length > 1;
  const uncovered = line.marks.some((mark) => mark.mark === "uncovered");
  const who = uncovered ? "uncovered" : [...new Set(line.entries.map((entry) => entry.scenario))].join(" ");
  const marks =
    line.marks.length > 0
      ? h(
          "span.marks",
          {},
          line.marks.map((mark) => markBadge(mark, named)),
        )
      : h("span.marks", {}, markBadge(null, false));
  const row = [h("span.num", {}, String(line.line)), marks, h("span.text", {}, line.text), h("span.who", {}, who)];
  const id = `${prefix}L${line.line}`;
  if (line.marks.length === 0) return h("li.unmarked", { id, dataLine: String(line.line) }, h("div.row", {}, row));
  return h("li.marked", { id, dataLine: String(line.line) }, h("details", {}, h("summary.row", {}, row), lineDetails(line, engines)));
}
