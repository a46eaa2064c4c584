/** `dockproof status` in words: each reason a scenario needs a run, as a course maintainer would look for it. */
import path from "node:path";
import { differingParts } from "../lesson/line-text.js";
import type { ScenarioStatusEntry, StatusReason } from "./status-command-state.js";

const linesText = ([from, to]: readonly [number, number]): string => (from === to ? `lesson line ${from}` : `lesson lines ${from}–${to}`);
const shortQuote = (text: string): string => JSON.stringify(text.trim().length > 80 ? `${text.trim().slice(0, 77)}...` : text.trim());

/** A rewritten span: its first line that differs, was -> now (cut to the difference when long). */
function rewritten(reason: Extract<StatusReason, { kind: "lesson" }>, was: { lines: [number, number]; text: string }): string {
  const moved = was.lines[0] === reason.lines[0] && was.lines[1] === reason.lines[1] ? "" : ` (recorded as ${linesText(was.lines)})`;
  const [before, after] = [was.text.split("\n"), reason.now.split("\n")];
  const index = after.findIndex((line, at) => line !== before[at]);
  const at = index < 0 ? after.length : index;
  const [old, now] = differingParts(before[at] ?? "", after[at] ?? "");
  const where = reason.lines[0] === reason.lines[1] ? "" : ` (line ${reason.lines[0] + at})`;
  return `${linesText(reason.lines)} changed${moved}${where}: was ${JSON.stringify(old)}, now ${JSON.stringify(now)}`;
}

export interface WordsContext {
  baselineFile: string;
  /** The scenario's workdir (absolute), for fixture paths as a person types them from here. */
  workdir: string | null;
}

export function reasonWords(reason: StatusReason, context: WordsContext): string {
  switch (reason.kind) {
    case "lesson":
      return reason.was ? rewritten(reason, reason.was) : `${linesText(reason.lines)} newly run or cited: ${shortQuote(reason.now)}`;
    case "lesson-dropped":
      return `no longer runs or cites what ${linesText(reason.lines)} said: ${shortQuote(reason.was)}`;
    case "lesson-file":
      return `lesson file changed: was ${reason.was}, now ${reason.now}`;
    case "fixture":
      return `fixture file ${context.workdir ? path.relative(process.cwd(), path.join(context.workdir, reason.file)) : reason.file} ${reason.change}`;
    case "scenario":
      return "scenario file changed (its steps or settings; comments, layout and line numbers aside)";
    case "stamp-version":
      return `recorded with a stamp of another format (version ${reason.was}): counted as changed`;
    case "not-passed":
      return reason.verdict === null
        ? `no verdict on ${reason.engine} in ${context.baselineFile}`
        : `${reason.verdict} on ${reason.engine} in ${context.baselineFile}, not passed`;
    case "no-stamp":
      return `recorded on ${reason.engine} without a stamp (by npm test or an older dockproof): counted as changed`;
  }
}

const STATE_WORDS = { unchanged: "unchanged", changed: "changed", "not-passed": "not passed" } as const;

/** One line per scenario that needs a run, its reasons indented below it. */
export function entryLines(entry: ScenarioStatusEntry, context: WordsContext): string[] {
  const head = `${STATE_WORDS[entry.state].padEnd(11)} ${entry.name} (${entry.file})`;
  return [head, ...entry.reasons.map((reason) => `            ${reasonWords(reason, context)}`)];
}
