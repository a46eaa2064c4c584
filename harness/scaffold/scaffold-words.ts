/** How lesson text goes into a draft: on one line, cut when long, so it reads as a quote in a comment or a name. */

/** A step of a draft: its fields, a comment above its `run` key, and comments above the step. */
export interface DraftStep {
  fields: Record<string, unknown>;
  comment?: string[];
  before?: string[];
}

// Line breaks YAML and editors know (a lone \r, NEL, LS) and other control characters: a quote stays on its line.
const LINE_BREAKS = /[\p{Cc}\u2028\u2029]+/gu;

export const MAX_QUOTE = 100;

/** Lesson text as one line of at most MAX_QUOTE characters. */
export function lessonWords(text: string): string {
  const line = text.replace(LINE_BREAKS, " ").trim();
  return line.length > MAX_QUOTE ? `${line.slice(0, MAX_QUOTE - 3)}...` : line;
}
