/**
 * Where a section of a lesson starts and ends. A Markdown heading's section runs to the next heading of its level or
 * above (`## Compose` to the next `##` or `#`); a lesson's title (its one heading above all the others) holds the
 * whole lesson, so its sections are the headings below it. Plain-text lessons have no markup, and the course uses
 * "->" for two things: section headings, set off by two or more blank lines ("With volumes ->" after lines 84-86),
 * and step labels inside a section, after a single blank line ("Create a volume ->", "Mount the folder ... ->"). So
 * such a section runs from its heading to the line before the next heading set off at least as far as its own (blank
 * lines above it, counted up to two; the top of the file counts as much as the widest gap above a heading), or the
 * next Markdown heading, without the blank lines at its end. A heading that is not a "->" line ("Without volumes",
 * which a scenario may name) ends the same way.
 */
import { type LessonHeading, lessonMarkup, namesHeading } from "./lesson-markup.js";
import type { LessonLine } from "./lesson-text.js";

export interface LessonSection {
  heading: LessonLine;
  /** The heading's line. */
  from: number;
  /** The section's last non-blank line. */
  to: number;
}

const blank = (text: string | undefined) => (text ?? "").trim() === "";

/** Blank lines right above `line` (1-based), up to two, or null when only blank lines are above it. */
function blanksAbove(lines: readonly string[], line: number): number | null {
  let count = 0;
  for (let index = line - 2; index >= 0 && count < 2; index--) {
    if (!blank(lines[index])) return count;
    count++;
  }
  return count === 2 ? 2 : null;
}

/**
 * How far `line` is set off: the blank lines above it, up to two. The top of the file sets a line off as far as the
 * lesson sets off any heading below it, so a lesson spacing its headings by one blank line has its first one
 * ended by the second.
 */
export function gapAbove(lines: readonly string[], line: number): number {
  const own = blanksAbove(lines, line);
  if (own !== null) return own;
  const ranks = arrowHeadings(lines).map((heading) => blanksAbove(lines, heading.line) ?? -1);
  return Math.max(0, ...ranks);
}

const arrowHeadings = (lines: readonly string[]) => [...lessonMarkup(lines).headings.values()].filter((heading) => heading.level === null);

/** Whether a heading at `next` ends the section `line` heads. A Markdown heading ends any section but a higher one's. */
function ends(lines: readonly string[], line: number, next: LessonHeading): boolean {
  const own = lessonMarkup(lines).headings.get(line)?.level ?? null;
  if (next.level !== null) return own === null || next.level <= own;
  return own === null && gapAbove(lines, next.line) >= gapAbove(lines, line);
}

/** The section a line heads: from it to the next heading that ends it (for a "->" line: one set off at least as far). */
export function sectionAt(lines: readonly string[], line: number): LessonSection {
  let end = lines.length;
  for (const next of lessonMarkup(lines).headings.values()) {
    if (next.line > line && ends(lines, line, next)) {
      end = next.line - 1;
      break;
    }
  }
  while (end > line && blank(lines[end - 1])) end--;
  return { heading: { line, text: (lines[line - 1] ?? "").trim() }, from: line, to: end };
}

/**
 * The line a scenario's `lesson.section` names: the first heading reading it whole or by its title (`## Compose` or
 * `Compose`), else the first line reading it (compared trimmed: a heading without markup); undefined for none.
 */
export function findHeading(lines: readonly string[], heading: string): number | undefined {
  const wanted = heading.trim();
  if (wanted === "") return undefined;
  const found = [...lessonMarkup(lines).headings.values()].find((candidate) => namesHeading(candidate, wanted));
  if (found) return found.line;
  const index = lines.findIndex((text) => text.trim() === wanted);
  return index === -1 ? undefined : index + 1;
}

/** A Markdown title: the first heading, alone at a level above every other heading's. */
function titleLine(headings: readonly LessonHeading[]): number | null {
  const levels = headings.flatMap((heading) => (heading.level === null ? [] : [heading.level]));
  const [first] = headings;
  const top = Math.min(...levels);
  return first?.level === top && levels.filter((level) => level === top).length === 1 && levels.length > 1 ? first.line : null;
}

/** The lesson's top-level sections: each heading (but a title) that does not lie inside the section before it. */
export function lessonSections(lines: readonly string[]): LessonSection[] {
  const headings = [...lessonMarkup(lines).headings.values()];
  const title = titleLine(headings);
  const sections: LessonSection[] = [];
  for (const heading of headings) {
    const previous = sections.at(-1);
    if (heading.line === title || (previous && heading.line <= previous.to)) continue;
    sections.push(sectionAt(lines, heading.line));
  }
  return sections;
}
