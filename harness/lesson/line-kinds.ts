/**
 * What each line of a lesson is, for the ledger: a heading, a command the learner types, a line of a file the lesson
 * shows (a Dockerfile block; in Markdown any fenced block that is not commands), the output a `console` block shows a
 * command printing, a claim (a sentence saying what will happen or what is so), an instruction to the learner ("Open
 * it in MongoDB Compass and add some data"), or other prose. Claims are proposed by their words of outcome; a scenario
 * confirms one by proving it (`claims:`) or waives it with a reason. A proposal is only that: a line a scenario proves
 * is a claim whatever its words. Markup decides before words: a fenced yaml line is a file line whatever it says, and
 * a fence line is nothing.
 */
import { lessonMarkup } from "./lesson-markup.js";

export type LineKind = "heading" | "command" | "file" | "output" | "claim" | "instruction" | "prose";

export interface ClassifiedLine {
  line: number;
  text: string;
  kind: LineKind;
}

/** Words that say what will happen, what is (not) possible or what a thing does: a sentence with one is a claim. */
const OUTCOME =
  /\b(will|won['’]?t|wouldn['’]?t|would|can['’]?t|cannot|can|couldn['’]?t|could|persist\w*|retain\w*|refuse\w*|shows?|see|means?|notice|go(?:es)? away|share[sd]?|reus\w+|cached|caches?|rebuil\w*|creates?|removes?|allows?|lets?|able to|by default|ensure|successful|isolat\w*|communicate|talk to|reach\w*|immutable|never|always|only|serve[sd]?|answer(?:s|ed)?|prints?|returns?|works?|fails?|succeeds?|appears?|stays?|keeps?|kept)\b/i;

/** Verbs a learner is told to do something with, at the start of a sentence (after a list number or bullet). */
const IMPERATIVE =
  /^(?:\d+\.\s*|[-*•]\s*)?(open|start|stop|kill|restart|create|mount|try|attach|check|build|clone|run|add|remove|delete|go|visit|reload|refresh|install|write|edit|change|copy|type|press|wait|make|use|set|put|save|push|pull|tag|log ?in|navigate|connect)\b/i;

const isSeparator = (text: string) => /^[-=_*#/\s]*$/.test(text) && !/[A-Za-z0-9]/.test(text);

/** An instruction that also says what will happen ("…check if the data has persisted (it wouldn't)") is a claim. */
function proseKind(text: string): LineKind {
  const imperative = IMPERATIVE.exec(text);
  const rest = imperative ? text.slice(imperative[0].length) : text;
  if (OUTCOME.test(rest)) return "claim";
  return imperative ? "instruction" : "prose";
}

/**
 * Every non-blank line of the lesson with its kind. `headings` are extra lines to take for headings (a section a
 * scenario names that does not use the "->" convention).
 */
export function classifyLines(lines: readonly string[], headings: ReadonlySet<string> = new Set()): ClassifiedLine[] {
  const markup = lessonMarkup(lines);
  return lines.flatMap((raw, index): ClassifiedLine[] => {
    const text = raw.trim();
    const line = index + 1;
    const part = markup.parts.get(line);
    if (text === "" || part?.part === "fence" || ((!part || part.part === "comment") && isSeparator(text))) return [];
    // A shell block's comment is the lesson speaking: read by its words, as prose is.
    const kind: LineKind = part
      ? part.part === "comment"
        ? proseKind(part.text)
        : part.part
      : markup.dockerfileLines.has(line)
        ? "file"
        : markup.commands.has(line)
          ? "command"
          : markup.headings.has(line) || headings.has(text)
            ? "heading"
            : proseKind(text);
    return [{ line, text, kind }];
  });
}
