/**
 * The annotated lesson in the Markdown summary: the lesson as a code block, one line per lesson line with its
 * number and one mark per engine (never merged), then one short item per marked line saying what each scenario did
 * there on each engine. Lesson text sits only in the code block, so it renders as typed, never as Markdown: every
 * line there starts with its number, so none can be a closing fence.
 */
import { type AnnotatedLesson, type AnnotatedLine, LINE_MARKS, type LineEntry, MARK_LEGEND, MARK_SYMBOL } from "./annotated-lesson.js";
import { escapeCell } from "./markdown-text.js";

const LINE_WIDTH = 120;
const ITEM_WIDTH = 100;
const ITEM_MAX = 400;

const clip = (text: string, width: number): string => (text.length > width ? `${text.slice(0, width - 1)}…` : text);

function entryWords(entry: LineEntry): string {
  const symbol = MARK_SYMBOL[entry.mark];
  if (entry.finding) return `${symbol} ${entry.finding.kind}: ${clip(entry.finding.text.replace(/^observed:\s*/i, ""), ITEM_WIDTH)}`;
  if (entry.role === "waives") return `${symbol} waived: ${clip(entry.reason ?? "", ITEM_WIDTH)}`;
  if (entry.role === "file-unused") return `${symbol} ${entry.words.join("; ")}`;
  // A build's word is about this instruction; a passed run step's only words are its own name, its status says as much.
  const word = entry.role === "builds" ? entry.words[0] : entry.words.find((candidate) => candidate !== `✓ ${entry.step}`);
  const what = entry.error && entry.role !== "builds" ? `${entry.error.code}: ${entry.error.message.split("\n")[0]}` : (word ?? entry.status ?? "");
  // What ran instead of the lesson's text comes first: it is what the mark is about.
  const demonstrated = entry.mark === "demonstrated" && entry.command ? `demonstrated by another command (${entry.command}): ` : "";
  const seen = entry.observed.map((observed) => `; ${observed.label}: ${observed.text}`).join("");
  return `${symbol} ${clip(`${entry.step ?? ""}: ${demonstrated}${what}${seen}`, ITEM_WIDTH + demonstrated.length)}`;
}

const scenarioWords = (entries: readonly LineEntry[]): string => {
  const groups = new Map<string, LineEntry[]>();
  for (const entry of entries) groups.set(entry.scenario, [...(groups.get(entry.scenario) ?? []), entry]);
  return [...groups]
    .map(([scenario, group]) =>
      group.every((entry) => entry.verdict === null)
        ? `${scenario}: ${MARK_SYMBOL["not-reached"]} not in this run's report`
        : `${scenario}: ${group.map(entryWords).join("; ")}`,
    )
    .join(" · ");
};

const lineMarks = (line: AnnotatedLine, named: boolean): string =>
  line.marks.map((mark) => (named && mark.engine ? `${MARK_SYMBOL[mark.mark]} ${mark.engine}` : MARK_SYMBOL[mark.mark])).join(" ");

/** "- **115** ⚠ modern ⚠ legacy — modern: N1: ✓ step: words; ⚠ lesson-defect: what was seen — legacy: …", at most ITEM_MAX characters. */
function lineItem(line: AnnotatedLine, engines: ReadonlyArray<string | null>): string {
  const named = engines.length > 1;
  const said = named
    ? engines.map((engine) => {
        const entries = line.entries.filter((entry) => entry.engine === engine);
        return `${engine}: ${entries.length > 0 ? scenarioWords(entries) : `${MARK_SYMBOL["not-reached"]} no scenario reached it`}`;
      })
    : [scenarioWords(line.entries)];
  return `- **${line.line}** ${lineMarks(line, named)}${named ? " —" : ""} ${escapeCell(clip(said.join(" — "), ITEM_MAX))}`;
}

/** The code block's mark column: one symbol per engine, in the run's order (an uncovered line's ○ under each). */
const markColumn = (line: AnnotatedLine, engines: ReadonlyArray<string | null>): string =>
  engines
    .map((engine) => {
      const mark = line.marks.find((candidate) => candidate.engine === engine || candidate.engine === null);
      return mark ? MARK_SYMBOL[mark.mark] : " ";
    })
    .join(" ");

/** The section's lines, for every lesson the run tested; empty when there is none. */
export function annotatedLessonMarkdown(lessons: readonly AnnotatedLesson[]): string[] {
  if (lessons.length === 0) return [];
  const out = ["### The lesson, annotated", ""];
  out.push(MARK_LEGEND.map(({ mark, words }) => `${MARK_SYMBOL[mark]} ${words}`).join(" · "), "");
  for (const lesson of lessons) {
    const named = lesson.engines.length > 1;
    const counts = lesson.counts.map(({ engine, counts: tally }) => {
      const marked = LINE_MARKS.filter((mark) => tally[mark] > 0).map((mark) => `${tally[mark]} ${MARK_SYMBOL[mark]} ${mark.replace("-", " ")}`);
      return `${named ? `on ${engine}: ` : ""}${marked.join(", ") || "nothing marked"}`;
    });
    out.push(`**${escapeCell(lesson.lesson)}** — ${counts.join("; ")}`, "");
    if (named) out.push(`One mark per engine, left to right: ${lesson.engines.join(", ")}.`, "");
    const width = String(lesson.lines.length).length;
    const texts = lesson.lines.map(
      (line) => `${String(line.line).padStart(width)} ${markColumn(line, lesson.engines)} ${clip(line.text, LINE_WIDTH)}`,
    );
    out.push("```text", ...texts.map((text) => text.trimEnd()), "```", "");
    const uncovered = lesson.lines.filter((line) => line.marks.some((mark) => mark.mark === "uncovered")).map((line) => line.line);
    for (const line of lesson.lines) if (line.marks.length > 0 && !uncovered.includes(line.line)) out.push(lineItem(line, lesson.engines));
    if (uncovered.length > 0)
      out.push(`- ${MARK_SYMBOL.uncovered} uncovered (no scenario runs, cites or waives them): lines ${uncovered.join(", ")}`);
    for (const entry of lesson.unplaced)
      out.push(`- the whole lesson: ${escapeCell(`${entry.scenario}${named && entry.engine ? ` on ${entry.engine}` : ""}: ${entryWords(entry)}`)}`);
    out.push("");
  }
  return out;
}
