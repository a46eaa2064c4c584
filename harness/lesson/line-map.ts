import { diffArrays } from "diff";
import { normalizeLine, similarity } from "./line-text.js";

/** What became of a line of the text a scenario was written against, in the lesson as it is now. */
export type LineFate =
  /** The same text (compared normalised); `line` is where it is now, maybe elsewhere. */
  | { kind: "same"; line: number }
  /** Edited in place: the diff pairs it with this line, whose text differs. */
  | { kind: "changed"; line: number; was: string; now: string }
  /** No line of the lesson now stands for it. */
  | { kind: "gone"; was: string };

/** Lines below this similarity are not paired as "the same line, edited": one is gone, the other new. */
const PAIRING_THRESHOLD = 0.5;

/**
 * Pairs the removed and added lines of one replace hunk in order, maximising total similarity (an alignment, so
 * two edited copies of the same command pair with their own counterparts, first with first).
 */
function pairHunk(removed: readonly string[], added: readonly string[]): Array<[number, number]> {
  const cols = added.length + 1;
  // best[i * cols + j]: the best total for removed[i..] and added[j..]; the table has a zero row and column at the end.
  const best = new Float64Array((removed.length + 1) * cols);
  const at = (i: number, j: number) => best[i * cols + j] ?? 0;
  const score = (i: number, j: number) => {
    const value = similarity(removed[i] ?? "", added[j] ?? "");
    return value >= PAIRING_THRESHOLD ? value : Number.NEGATIVE_INFINITY;
  };
  for (let i = removed.length - 1; i >= 0; i--) {
    for (let j = added.length - 1; j >= 0; j--) best[i * cols + j] = Math.max(at(i + 1, j), at(i, j + 1), score(i, j) + at(i + 1, j + 1));
  }
  const pairs: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < removed.length && j < added.length) {
    if (score(i, j) > 0 && score(i, j) + at(i + 1, j + 1) === at(i, j)) pairs.push([i++, j++]);
    else if (at(i + 1, j) === at(i, j)) i++;
    else j++;
  }
  return pairs;
}

/**
 * Where each line of an earlier text of a lesson (the one a scenario's line numbers refer to) is in its text now:
 * a line diff, so moved lines are found by their text and edited lines by their place in the edit.
 */
export class LineMap {
  private constructor(
    private readonly fates: readonly LineFate[],
    readonly identical: boolean,
  ) {}

  static identity(lineCount: number): LineMap {
    return new LineMap(
      Array.from({ length: lineCount }, (_, index) => ({ kind: "same", line: index + 1 }) as const),
      true,
    );
  }

  static between(before: readonly string[], after: readonly string[]): LineMap {
    const changes = diffArrays(before.map(normalizeLine), after.map(normalizeLine));
    const fates: LineFate[] = [];
    let oldIndex = 0;
    let newIndex = 0;
    for (let c = 0; c < changes.length; c++) {
      const change = changes[c];
      if (!change) continue;
      if (!change.added && !change.removed) {
        for (let k = 0; k < change.count; k++) fates[oldIndex++] = { kind: "same", line: ++newIndex };
        continue;
      }
      // A replace hunk is a removed run next to an added run (in either order).
      const next = changes[c + 1];
      const removedCount = change.removed ? change.count : next?.removed ? next.count : 0;
      const addedCount = change.added ? change.count : next?.added ? next.count : 0;
      if ((change.removed && next?.added) || (change.added && next?.removed)) c++;
      const removed = before.slice(oldIndex, oldIndex + removedCount);
      const added = after.slice(newIndex, newIndex + addedCount);
      const pairs = new Map(pairHunk(removed, added));
      // As many lines came as went: one left unpaired is rewritten in place (same neighbours), not gone.
      if (removedCount === addedCount) {
        const taken = new Set(pairs.values());
        for (let k = 0; k < removedCount; k++) if (!pairs.has(k) && !taken.has(k)) pairs.set(k, k);
      }
      removed.forEach((was, k) => {
        const j = pairs.get(k);
        fates[oldIndex + k] = j === undefined ? { kind: "gone", was } : { kind: "changed", line: newIndex + j + 1, was, now: added[j] ?? "" };
      });
      oldIndex += removedCount;
      newIndex += addedCount;
    }
    const identical = before.length === after.length && fates.every((fate, index) => fate.kind === "same" && fate.line === index + 1);
    return new LineMap(fates, identical);
  }

  /** The fate of line `line` (1-based) of the earlier text; a line past its end is gone. */
  fate(line: number): LineFate {
    return this.fates[line - 1] ?? { kind: "gone", was: "" };
  }
}
