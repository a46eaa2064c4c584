/**
 * The annotated lesson in the Markdown summary: the lesson as a code block, one line per lesson line with its
 * number and mark, then one short item per marked line saying what each scenario did there. Lesson text sits only
 * in the code block, so it renders as typed, never as Markdown: every line there starts with its number, so none can
 * be a closing fence.
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
  // A build's word is about this instruction; a passed run step's only words are its own name, its status says as much.
  const word = entry.role === "builds" ? entry.words[0] : entry.words.find((candidate) => candidate !== `✓ ${entry.step}`);
  const what = entry.error && entry.role !== "builds" ? `${entry.error.code}: ${entry.error.message.split("\n")[0]}` : (word ?? entry.status ?? "");
  return `${symbol} ${clip(`${entry.step ?? ""}: ${what}`, ITEM_WIDTH)}`;
}

/** "- **115** ⚠ N1: ✓ step: words; ⚠ lesson-defect: what was seen", at most ITEM_MAX characters. */
function lineItem(line: AnnotatedLine): string {
  const groups = new Map<string, LineEntry[]>();
  for (const entry of line.entries) groups.set(entry.scenario, [...(groups.get(entry.scenario) ?? []), entry]);
  const said = [...groups]
    .map(([scenario, entries]) =>
      entries.every((entry) => entry.verdict === null)
        ? `${scenario}: ${MARK_SYMBOL["not-reached"]} not in this run's report`
        : `${scenario}: ${entries.map(entryWords).join("; ")}`,
    )
    .join(" · ");
  return `- **${line.line}** ${line.mark ? MARK_SYMBOL[line.mark] : ""} ${escapeCell(clip(said, ITEM_MAX))}`;
}

/** The section's lines, for every lesson the run tested; empty when there is none. */
export function annotatedLessonMarkdown(lessons: readonly AnnotatedLesson[]): string[] {
  if (lessons.length === 0) return [];
  const out = ["### The lesson, annotated", ""];
  out.push(MARK_LEGEND.map(({ mark, words }) => `${MARK_SYMBOL[mark]} ${words}`).join(" · "), "");
  for (const lesson of lessons) {
    const counts = LINE_MARKS.filter((mark) => lesson.counts[mark] > 0).map(
      (mark) => `${lesson.counts[mark]} ${MARK_SYMBOL[mark]} ${mark.replace("-", " ")}`,
    );
    out.push(`**${escapeCell(lesson.lesson)}** — ${counts.join(", ") || "nothing marked"}`, "");
    const width = String(lesson.lines.length).length;
    const texts = lesson.lines.map(
      (line) => `${String(line.line).padStart(width)} ${line.mark ? MARK_SYMBOL[line.mark] : " "} ${clip(line.text, LINE_WIDTH)}`,
    );
    out.push("```text", ...texts.map((text) => text.trimEnd()), "```", "");
    const uncovered = lesson.lines.filter((line) => line.mark === "uncovered").map((line) => line.line);
    for (const line of lesson.lines) if (line.mark && line.mark !== "uncovered") out.push(lineItem(line));
    if (uncovered.length > 0)
      out.push(`- ${MARK_SYMBOL.uncovered} uncovered (no scenario runs, cites or waives them): lines ${uncovered.join(", ")}`);
    for (const entry of lesson.unplaced) out.push(`- the whole lesson: ${escapeCell(`${entry.scenario}: ${entryWords(entry)}`)}`);
    out.push("");
  }
  return out;
}
