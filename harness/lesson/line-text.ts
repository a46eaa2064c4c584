/** How lesson lines are compared: whitespace is layout, not content. */
export const normalizeLine = (line: string): string => line.trim().replace(/\s+/g, " ");

const tokens = (line: string): string[] => normalizeLine(line).split(" ").filter(Boolean);

/**
 * How alike two lines are, 0..1: the Dice coefficient of their words (as a multiset), so
 * `docker run -v volume_database:/data/db … mongo` and the same line mounting `/data` score 6 of 7 words alike.
 */
export function similarity(a: string, b: string): number {
  const left = tokens(a);
  const right = tokens(b);
  if (left.length === 0 && right.length === 0) return 1;
  const counts = new Map<string, number>();
  for (const word of left) counts.set(word, (counts.get(word) ?? 0) + 1);
  let shared = 0;
  for (const word of right) {
    const count = counts.get(word) ?? 0;
    if (count > 0) {
      shared += 1;
      counts.set(word, count - 1);
    }
  }
  return (2 * shared) / (left.length + right.length);
}

const bigrams = (line: string): string[] => {
  const text = normalizeLine(line).toLowerCase();
  return Array.from({ length: Math.max(0, text.length - 1) }, (_, index) => text.slice(index, index + 2));
};

/** How alike two lines read, 0..1, by their character pairs: forgiving of `--network` against `network`. */
export function closeness(a: string, b: string): number {
  const left = bigrams(a);
  const right = bigrams(b);
  if (left.length === 0 || right.length === 0) return left.length === right.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const pair of left) counts.set(pair, (counts.get(pair) ?? 0) + 1);
  let shared = 0;
  for (const pair of right) {
    const count = counts.get(pair) ?? 0;
    if (count > 0) {
      shared += 1;
      counts.set(pair, count - 1);
    }
  }
  return (2 * shared) / (left.length + right.length);
}

/** The lines of `lines` most like `text`, best first, for "nearest candidates" in a problem. */
export function nearestLines(lines: readonly string[], text: string, count = 3): Array<{ line: number; text: string; score: number }> {
  return lines
    .map((candidate, index) => ({ line: index + 1, text: candidate.trim(), score: closeness(candidate, text) }))
    .filter((candidate) => candidate.text !== "" && candidate.score > 0)
    .sort((a, b) => b.score - a.score || a.line - b.line)
    .slice(0, count);
}

/**
 * Two versions of a line, cut to where they differ (with some context) when they are long, so a one-word edit in a
 * long command shows: `…--network my_custom_network -p…` against `…--network my_custom_netwrok -p…`.
 */
export function differingParts(was: string, now: string, context = 20, short = 80): [string, string] {
  const [a, b] = [was.trim(), now.trim()];
  if (a.length <= short && b.length <= short) return [a, b];
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const start = Math.max(0, prefix - context);
  const cut = (text: string) => {
    const end = Math.min(text.length, text.length - suffix + context);
    return `${start > 0 ? "…" : ""}${text.slice(start, end)}${end < text.length ? "…" : ""}`;
  };
  return [cut(a), cut(b)];
}
