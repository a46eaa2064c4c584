/**
 * Where a section of a lesson starts and ends. Lessons have no markup, and the course uses "->" for two things:
 * section headings, set off by two or more blank lines ("With volumes ->" after lines 84-86), and step labels
 * inside a section, after a single blank line ("Create a volume ->", "Mount the folder ... ->"). So a section runs
 * from its heading to the line before the next heading set off at least as far as its own (blank lines above it,
 * counted up to two; the top of the file counts as much as the widest gap above a heading), without the blank lines at its end. A heading
 * that is not a "->" line ("Without volumes", which a scenario may name) ends the same way.
 */
import { isHeading, type LessonLine } from "./lesson-text.js";

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
  const ranks = lines.flatMap((text, index) => (isHeading(text) ? [blanksAbove(lines, index + 1) ?? -1] : []));
  return Math.max(0, ...ranks);
}

/** The section a line heads: from it to the next heading set off at least as far. */
export function sectionAt(lines: readonly string[], line: number): LessonSection {
  const rank = gapAbove(lines, line);
  let end = lines.length;
  for (let next = line + 1; next <= lines.length; next++) {
    if (isHeading(lines[next - 1] ?? "") && gapAbove(lines, next) >= rank) {
      end = next - 1;
      break;
    }
  }
  while (end > line && blank(lines[end - 1])) end--;
  return { heading: { line, text: (lines[line - 1] ?? "").trim() }, from: line, to: end };
}

/** The first line that reads `heading` (compared trimmed, as a scenario's `lesson.section` is), or undefined. */
export function findHeading(lines: readonly string[], heading: string): number | undefined {
  const wanted = heading.trim();
  const index = lines.findIndex((text) => text.trim() === wanted);
  return index === -1 || wanted === "" ? undefined : index + 1;
}

/** The lesson's top-level sections: each "->" heading that does not lie inside the section before it. */
export function lessonSections(lines: readonly string[]): LessonSection[] {
  const sections: LessonSection[] = [];
  lines.forEach((text, index) => {
    const previous = sections.at(-1);
    if (!isHeading(text) || (previous && index + 1 <= previous.to)) return;
    sections.push(sectionAt(lines, index + 1));
  });
  return sections;
}
