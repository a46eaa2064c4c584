import { diffArrays } from "diff";
import type { LessonSource } from "../lesson/lesson-source.js";
import type { DocPath } from "./problem.js";

/** A lesson line whose text changed since the scenario was fixed; the run reports it beside its verdict. */
export interface LessonChange {
  path: DocPath;
  /** The line number the scenario wrote, in the text it was fixed against. */
  hint: number;
  /** Where that line is now. */
  line: number;
  was: string;
  now: string;
}

/**
 * A lesson file (`lessonFiles`) runs every line of its range, so an edit anywhere inside it — a line rewritten, one
 * moved below another, a blank put where a command was — changes what runs. Its two ends alone would miss that: the
 * range is compared with the text it was fixed against, and each line that differs is a change the run reports.
 * Removed and added lines of one hunk are paired in order; an unpaired line is compared with "" (none there now, or
 * none there before).
 */
export function rangeChanges(path: DocPath, written: [number, number], now: [number, number], source: LessonSource): LessonChange[] {
  if (!source.baseline) return [];
  const parts = diffArrays(source.baseline.slice(written[0] - 1, written[1]), source.lines.slice(now[0] - 1, now[1]));
  const changes: LessonChange[] = [];
  let wasLine = written[0];
  let nowLine = now[0];
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index];
    if (!part) continue;
    if (!part.added && !part.removed) {
      wasLine += part.value.length;
      nowLine += part.value.length;
      continue;
    }
    const removed = part.removed ? part.value : [];
    const following = parts[index + 1];
    const added = part.added ? part.value : following?.added ? following.value : [];
    if (part.removed && following?.added) index++;
    for (let k = 0; k < Math.max(removed.length, added.length); k++) {
      changes.push({
        path,
        hint: wasLine + Math.min(k, Math.max(removed.length - 1, 0)),
        line: Math.min(nowLine + Math.min(k, Math.max(added.length - 1, 0)), now[1]),
        was: removed[k] ?? "",
        now: added[k] ?? "",
      });
    }
    wasLine += removed.length;
    nowLine += added.length;
  }
  return changes;
}
