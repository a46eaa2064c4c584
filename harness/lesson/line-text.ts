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

/** The lines of `lines` most like `text`, best first, for "nearest candidates" in a problem. */
export function nearestLines(lines: readonly string[], text: string, count = 3): Array<{ line: number; text: string; score: number }> {
  return lines
    .map((candidate, index) => ({ line: index + 1, text: candidate.trim(), score: similarity(candidate, text) }))
    .filter((candidate) => candidate.text !== "" && candidate.score > 0)
    .sort((a, b) => b.score - a.score || a.line - b.line)
    .slice(0, count);
}
