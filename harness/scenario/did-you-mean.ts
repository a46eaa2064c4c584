/** Suggests the word an author probably meant ("targt" → "target") for unknown-key messages. */

/** Levenshtein edit distance. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/** The closest candidate within about a third of its length in edits, ignoring case. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  return candidates
    .map((candidate) => ({ candidate, d: editDistance(word.toLowerCase(), candidate.toLowerCase()) }))
    .filter(({ candidate, d }) => d <= Math.max(1, Math.floor(candidate.length / 3)))
    .sort((x, y) => x.d - y.d)[0]?.candidate;
}
