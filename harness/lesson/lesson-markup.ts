/**
 * A lesson's structure, read once per lesson: its headings and the commands a learner types. A plain-text lesson
 * (the course's own convention) heads its sections with `… ->` lines and shows commands as lines starting with a
 * program (lesson-text.ts). A Markdown lesson — one with fenced blocks — heads them with `#` headings and shows its
 * commands in shell blocks only (fenced-lines.ts): a prose line starting with "docker" is prose there. `#` headings
 * count in both, but never inside a fenced block or a Dockerfile (where `# …` is a comment).
 */
import { type FencedLine, fencedLines, type LessonBlock } from "./fenced-lines.js";
import { commandOf, dockerfileBlocks, isHeading, type LessonLine } from "./lesson-text.js";

export interface LessonHeading extends LessonLine {
  /** The Markdown heading's level (`##` is 2); null for a `… ->` line. */
  level: number | null;
  /** What the heading says: `## Compose` is "Compose"; a `… ->` line is its whole text. */
  title: string;
}

export interface LessonMarkup {
  /** The lesson has fenced blocks: its commands are those of its shell blocks. */
  markdown: boolean;
  blocks: LessonBlock[];
  /** What each line in or of a fenced block is. */
  parts: ReadonlyMap<number, FencedLine>;
  headings: ReadonlyMap<number, LessonHeading>;
  /** Line -> the command it shows, without a `$ ` prompt. */
  commands: ReadonlyMap<number, string>;
  /** Lines of Dockerfile blocks written without fences (a plain-text lesson's). */
  dockerfileLines: ReadonlySet<number>;
}

const ATX = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;

/** `## Compose` -> level 2, "Compose"; `#hashtag` (no space) and `##` alone are no heading. */
export function markdownHeading(text: string): { level: number; title: string } | null {
  const match = ATX.exec(text);
  const title = match?.[2]?.trim() ?? "";
  return match && title !== "" ? { level: (match[1] as string).length, title } : null;
}

const spans = (ranges: ReadonlyArray<{ from: number; to: number }>) =>
  new Set(ranges.flatMap((range) => Array.from({ length: Math.max(0, range.to - range.from + 1) }, (_, k) => range.from + k)));

function readMarkup(lines: readonly string[]): LessonMarkup {
  const { blocks, parts } = fencedLines(lines);
  const markdown = blocks.length > 0;
  const dockerfileLines = spans(dockerfileBlocks(lines).filter((block) => !parts.has(block.from)));
  const headings = new Map<number, LessonHeading>();
  const commands = new Map<number, string>();
  lines.forEach((text, index) => {
    const line = index + 1;
    const part = parts.get(line);
    if (part?.part === "command") commands.set(line, part.command);
    if (part || dockerfileLines.has(line)) return;
    const heading = markdownHeading(text);
    if (heading) headings.set(line, { line, text: text.trim(), ...heading });
    else if (isHeading(text)) headings.set(line, { line, text: text.trim(), level: null, title: text.trim() });
    // A plain-text line can be both ("docker ps ->"): the ledger takes it for a command, sections for a heading.
    const command = markdown ? undefined : commandOf(text);
    if (command !== undefined) commands.set(line, command);
  });
  return { markdown, blocks, parts, headings, commands, dockerfileLines };
}

// Lesson lines are read once per load and never changed: one reading per array.
const read = new WeakMap<readonly string[], LessonMarkup>();

export function lessonMarkup(lines: readonly string[]): LessonMarkup {
  const known = read.get(lines);
  if (known) return known;
  const markup = readMarkup(lines);
  read.set(lines, markup);
  return markup;
}

/** Every command line, in order, with its command (a `$ ` prompt stripped). */
export function commandLines(lines: readonly string[]): LessonLine[] {
  return [...lessonMarkup(lines).commands].map(([line, text]) => ({ line, text }));
}

/** The command line `line` shows, or undefined when it is no command line. */
export const commandAt = (lines: readonly string[], line: number): string | undefined => lessonMarkup(lines).commands.get(line);

/** Whether `wanted` (trimmed) names this heading: its whole line (`## Compose`) or its title (`Compose`). */
export const namesHeading = (heading: LessonHeading, wanted: string): boolean => heading.text === wanted.trim() || heading.title === wanted.trim();

/**
 * The heading a line falls under: the nearest heading at or above it, or null before the first. `extraHeadings` are
 * lines a scenario names as its section, headings even without markup.
 */
export function headingOf(lines: readonly string[], line: number, extraHeadings: ReadonlySet<string> = new Set()): LessonLine | null {
  const { headings } = lessonMarkup(lines);
  for (let at = Math.min(line, lines.length); at >= 1; at--) {
    const heading = headings.get(at);
    if (heading) return { line: at, text: heading.text };
    const text = (lines[at - 1] ?? "").trim();
    if (extraHeadings.has(text)) return { line: at, text };
  }
  return null;
}
