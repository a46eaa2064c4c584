/**
 * The prose of a section, as a scenario author needs it: the line that labels a command (the non-blank line right
 * above it: "Kill the container"), and the steps a learner follows without a command ("Open it in MongoDB Compass
 * and add some data to it", "check if the data has persisted"), which a scenario turns into checks. A step is told
 * from an explanation by its first word, an imperative verb, after a list marker ("1.") and "If you want, you can";
 * everything else ("This is because docker containers are transitory") is explanation.
 */
import type { LessonSection } from "../lesson/lesson-sections.js";
import type { LessonLine } from "../lesson/lesson-text.js";

/** Verbs lessons start a learner's step with. */
const STEP_VERBS: ReadonlySet<string> = new Set(
  (
    "open add kill restart try check create start stop clone build attach mount visit remove delete run go make write " +
    "insert connect explore ensure verify see look navigate install edit change copy push pull tag log list inspect use " +
    "set wait type enter execute call send test update save refresh reload expose publish rebuild rerun modify replace " +
    "rename move observe confirm query fetch download upload hit access browse launch deploy exec detach sign login"
  ).split(" "),
);

export interface SectionProse {
  /** Command line -> the text labelling it, cleaned of list markers and a trailing "->". */
  labels: Map<number, string>;
  /** Lines that are a learner's step without a command. */
  steps: LessonLine[];
}

/** A line without its list marker ("1.", "-", "*") and trailing "->", "-" or ":". */
export function cleanProse(text: string): string {
  return text
    .trim()
    .replace(/^(\d+[.)]|[-*•])\s+/, "")
    .replace(/\s*(->|-|:)\s*$/, "")
    .trim();
}

export function isProseStep(text: string): boolean {
  const bare = cleanProse(text).replace(/^if you (want|like|wish),?\s+(you can\s+)?/i, "");
  const first = /^[A-Za-z-]+/.exec(bare)?.[0]?.toLowerCase();
  return first !== undefined && STEP_VERBS.has(first);
}

/**
 * `commands` and `skipped` (file, output and fence lines) are lines that are not prose; the section's heading is its
 * name, neither a label nor a step. A line right above a fence opening a block of commands introduces that block:
 * neither a label (a fenced command is named after itself) nor a step of its own.
 */
export function sectionProse(
  lines: readonly string[],
  section: LessonSection,
  commands: ReadonlySet<number>,
  skipped: ReadonlySet<number>,
  fences: ReadonlySet<number> = new Set(),
): SectionProse {
  const prose: SectionProse = { labels: new Map(), steps: [] };
  const nextText = (after: number) => {
    let next = after + 1;
    while (next <= section.to && (lines[next - 1] ?? "").trim() === "") next++;
    return next;
  };
  for (let line = section.from + 1; line <= section.to; line++) {
    const text = (lines[line - 1] ?? "").trim();
    if (text === "" || commands.has(line) || skipped.has(line)) continue;
    const next = nextText(line);
    if (fences.has(next) && commands.has(nextText(next))) continue;
    if (commands.has(next)) prose.labels.set(next, cleanProse(text));
    else if (!skipped.has(next) && isProseStep(text)) prose.steps.push({ line, text }); // "Write this Dockerfile" labels its block
  }
  return prose;
}
