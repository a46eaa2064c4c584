/**
 * What differs between the stamp a scenario's verdict was recorded with and its stamp now, in the terms a course
 * maintainer edits: lesson lines, fixture files, the scenario file. Spans are matched by their text, never by their
 * line numbers (text that only moved is unchanged); a span whose text is new is paired with the nearest recorded
 * span that is gone, so an edited line reads "was … now …".
 */
import { closeness } from "../lesson/line-text.js";
import type { LessonSpan, ScenarioStamp } from "./scenario-stamp.js";
import { STAMP_VERSION } from "./scenario-stamp.js";

export type StampChange =
  /** Lesson text the scenario runs or cites now that its recorded stamp did not have; `was` is the text it replaced, if any. */
  | { kind: "lesson"; lines: [number, number]; now: string; was: { lines: [number, number]; text: string } | null }
  /** Recorded lesson text the scenario no longer runs or cites (at its recorded lines). */
  | { kind: "lesson-dropped"; lines: [number, number]; was: string }
  | { kind: "lesson-file"; was: string; now: string }
  | { kind: "fixture"; file: string; change: "changed" | "added" | "removed" }
  | { kind: "scenario" }
  /** The recorded stamp was made by another stamp version: nothing can be compared. */
  | { kind: "stamp-version"; was: number };

/** Below this, a gone span and a new one are two unrelated edits, not one line rewritten. */
const SAME_LINE_REWRITTEN = 0.5;

/** Index of the span in `spans` passing `fits` whose lines are nearest `span`'s, or -1. */
function nearest(spans: readonly LessonSpan[], span: LessonSpan, fits: (old: LessonSpan) => boolean): number {
  let best = -1;
  spans.forEach((old, index) => {
    const distance = Math.abs(old.lines[0] - span.lines[0]);
    if (fits(old) && (best < 0 || distance < Math.abs((spans[best] as LessonSpan).lines[0] - span.lines[0]))) best = index;
  });
  return best;
}

function lessonChanges(was: readonly LessonSpan[], now: readonly LessonSpan[]): StampChange[] {
  const unmatched = [...was];
  const added: LessonSpan[] = [];
  // Unchanged text first, each to the nearest recorded span with its text: a lesson may hold the same line twice
  // (95 and 105 both mount the volume), and an edit of one must not read as the other having moved.
  for (const span of now) {
    const index = nearest(unmatched, span, (old) => old.hash === span.hash);
    if (index >= 0) unmatched.splice(index, 1);
    else added.push(span);
  }
  const changes: StampChange[] = [];
  for (const span of added) {
    const best = unmatched
      .map((old, index) => ({ index, score: closeness(old.text, span.text) }))
      .filter(({ score }) => score >= SAME_LINE_REWRITTEN)
      .sort((a, b) => b.score - a.score)[0];
    const old = best ? unmatched.splice(best.index, 1)[0] : undefined;
    changes.push({ kind: "lesson", lines: span.lines, now: span.text, was: old ? { lines: old.lines, text: old.text } : null });
  }
  for (const old of unmatched) changes.push({ kind: "lesson-dropped", lines: old.lines, was: old.text });
  return changes;
}

function fixtureChanges(was: ScenarioStamp["fixtures"], now: ScenarioStamp["fixtures"]): StampChange[] {
  const before = was?.files ?? {};
  const after = now?.files ?? {};
  const changes: StampChange[] = [];
  for (const file of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    const change = before[file] === undefined ? "added" : after[file] === undefined ? "removed" : before[file] !== after[file] ? "changed" : null;
    if (change) changes.push({ kind: "fixture", file, change });
  }
  return changes;
}

/** Empty when nothing the run depends on changed. */
export function compareStamps(was: ScenarioStamp, now: ScenarioStamp): StampChange[] {
  if (was.version !== STAMP_VERSION) return [{ kind: "stamp-version", was: was.version }];
  return [
    ...(was.lesson.file === now.lesson.file ? [] : [{ kind: "lesson-file" as const, was: was.lesson.file, now: now.lesson.file }]),
    ...lessonChanges(was.lesson.spans, now.lesson.spans),
    ...fixtureChanges(was.fixtures, now.fixtures),
    ...(was.scenario === now.scenario ? [] : [{ kind: "scenario" as const }]),
  ];
}
