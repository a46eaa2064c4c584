import { commandAt } from "./lesson-markup.js";
import { LineMap } from "./line-map.js";
import { nearestLines } from "./line-text.js";

/** A line number a scenario wrote, followed to the lesson as it is now. */
export type Reference =
  /** Same text, same number. */
  | { status: "same"; hint: number; line: number; text: string }
  /** Same text, another number now. */
  | { status: "moved"; hint: number; line: number; text: string }
  /** Edited in place (and maybe moved): `was` is the text the scenario was fixed against. */
  | { status: "changed"; hint: number; line: number; text: string; was: string }
  /** No line stands for it now; `candidates` are the nearest lines by their words. */
  | { status: "gone"; hint: number; was: string; candidates: Array<{ line: number; text: string }> };

/**
 * One lesson file as a scenario sees it: its current lines, and how the text its line numbers were written against
 * (the baseline, when there is one) maps onto them. Without a baseline, a line number means that line now.
 */
export class LessonSource {
  readonly map: LineMap;

  constructor(
    readonly name: string,
    readonly lines: readonly string[],
    readonly baseline: readonly string[] | null,
  ) {
    this.map = baseline ? LineMap.between(baseline, lines) : LineMap.identity(lines.length);
  }

  /** Text of current line `line` (1-based). */
  text(line: number): string {
    return this.lines[line - 1] ?? "";
  }

  /** The command current line `line` shows (a `$ ` prompt stripped), or undefined when it is no command line. */
  command(line: number): string | undefined {
    return commandAt(this.lines, line);
  }

  resolve(hint: number): Reference {
    const written = this.baseline ?? this.lines;
    const fate = hint >= 1 && hint <= written.length ? this.map.fate(hint) : { kind: "gone" as const, was: "" };
    if (fate.kind === "gone") {
      const candidates = fate.was.trim() ? nearestLines(this.lines, fate.was).map(({ line, text }) => ({ line, text })) : [];
      return { status: "gone", hint, was: fate.was, candidates };
    }
    const text = this.text(fate.line);
    if (fate.kind === "changed") return { status: "changed", hint, line: fate.line, text, was: fate.was };
    return { status: fate.line === hint ? "same" : "moved", hint, line: fate.line, text };
  }

  /**
   * For a line with no text of its own to follow (a range end on a blank line that went away): the nearest line
   * that survived, shifted as it was. Range ends never fail a load.
   */
  resolveNear(hint: number): number {
    const written = (this.baseline ?? this.lines).length;
    for (let distance = 0; distance <= written; distance++) {
      for (const candidate of [hint - distance, hint + distance]) {
        if (candidate < 1 || candidate > written) continue;
        const fate = this.map.fate(candidate);
        if (fate.kind !== "gone") return Math.min(Math.max(1, fate.line + (hint - candidate)), this.lines.length);
      }
    }
    return Math.min(hint, this.lines.length);
  }
}
