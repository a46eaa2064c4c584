/**
 * The lines of the files a scenario wrote from the lesson, marked by what used them. A Dockerfile's instructions are
 * marked by the builds' own records: executed or taken from the cache in a build step that passed proves the line;
 * one that ran in a build that then failed is only partly shown. Every other line (a compose file's, a source's, a
 * Dockerfile's comments) is marked by the steps that used the file (lesson-file-lines.ts). A file nothing used is not
 * reached.
 */
import { isRecord } from "../checks/evidence-values.js";
import { type LineMark, outcomeMark } from "./annotated-lesson-marks.js";
import type { BuiltWord, LineEntry } from "./annotated-lesson-model.js";
import { entryBase, lessonFilesOf, type ScenarioResult, stepViews } from "./annotated-lesson-result.js";
import { stepFields, stepMark } from "./annotated-lesson-steps.js";
import { type BuiltInstruction, builtInstructions, fileUsers, lessonFileInstructions, linesByUse } from "./lesson-file-lines.js";

type Placed = { line: number; entry: LineEntry };

const BUILT_WORD: Record<Exclude<BuiltInstruction["status"], "metadata">, BuiltWord> = {
  cached: "cached",
  done: "ran",
  failed: "failed",
  incomplete: "not reached",
};

/**
 * What the build step did with one instruction, and the mark that earns on this engine. `stopped`: the build stopped
 * at one of the file's instructions, so that instruction owns the step's failure and the ones before it only ran.
 */
function builtMark(entry: BuiltInstruction, result: ScenarioResult, stopped: boolean): { word: BuiltWord; mark: LineMark; ownsError: boolean } {
  const step = result.report?.steps[entry.step];
  const status = step?.status ?? "not-run";
  const build = isRecord(step?.evidence?.build) ? step.evidence.build : {};
  if (entry.status === "incomplete") return { word: "not reached", mark: "not-reached", ownsError: false };
  if (entry.status === "failed") {
    // This machine stopping a build (a download out of reach) says nothing of the lesson's instruction.
    const machine = isRecord(build.failure) && build.failure.cause === "environment";
    // A build the step expects to fail, failing here: worth a look, no proof.
    const mark = machine ? "unverified" : status === "passed" ? "note" : outcomeMark(status, result.report?.status ?? null);
    return { word: "failed", mark, ownsError: true };
  }
  const imageMade = typeof build.imageId === "string" && build.imageId !== "";
  const word = entry.status === "metadata" ? (imageMade ? "in the image" : "got past it, no image made") : BUILT_WORD[entry.status];
  if (status === "passed" && word !== "got past it, no image made")
    return { word, mark: stepMark("builds", status, entry.line, result, false), ownsError: false };
  if (stopped || status === "passed") return { word, mark: "partial", ownsError: false };
  // A failure no instruction stopped (an expectation about the cache) is about every instruction the build reached.
  return { word, mark: stepMark("builds", status, entry.line, result, false), ownsError: true };
}

/** The entries the result's builds give the instructions of its lesson Dockerfiles, and which lines each step built. */
export function buildEntries(result: ScenarioResult): {
  placed: Placed[];
  builtBy: (step: number) => ReadonlySet<number>;
  /** The steps whose build stopped at an instruction of a lesson file -> that instruction's lesson line. */
  stoppedAt: ReadonlyMap<number, number>;
} {
  const built = result.report ? builtInstructions({ lessonFiles: lessonFilesOf(result) }, result.report, result.lines) : [];
  const stoppedAt = new Map(built.filter((entry) => entry.status === "failed").map((entry) => [entry.step, entry.line]));
  const views = stepViews(result);
  const placed = built.flatMap((entry): Placed[] => {
    const view = views[entry.step];
    if (!view) return [];
    const stop = stoppedAt.get(entry.step);
    const { word, mark, ownsError } = builtMark(entry, result, stop !== undefined);
    const fields = stepFields(result, view);
    const error = ownsError ? fields.error : null;
    return [
      {
        line: entry.line,
        entry: {
          ...fields,
          role: "builds",
          build: word,
          mark,
          words: [`${entry.instruction}: ${word}`, ...(mark === "partial" && stop !== undefined ? [`the build stopped at line ${stop}`] : [])],
          observed: [],
          error,
        },
      },
    ];
  });
  const byStep = new Map<number, Set<number>>();
  for (const entry of built) byStep.set(entry.step, (byStep.get(entry.step) ?? new Set()).add(entry.line));
  return { placed, builtBy: (step) => byStep.get(step) ?? new Set(), stoppedAt };
}

/** The lines of every lesson file of the result that its builds do not mark: by the steps that used the file, else not reached. */
export function lessonFileEntries(result: ScenarioResult, builds: readonly Placed[]): Placed[] {
  const builtLines = new Set(builds.map((entry) => entry.line));
  return lessonFilesOf(result).flatMap((file) => {
    const unbuilt = lessonFileInstructions(file, result.lines)
      .map((entry) => entry.line)
      .filter((line) => !builtLines.has(line));
    const users = fileUsers(file, stepViews(result));
    const unused = (verb: string): LineEntry => ({
      ...entryBase(result),
      role: "file-unused",
      file: file.path,
      status: result.report ? null : "not-run",
      mark: "not-reached",
      words: [result.report ? `no step ${verb} ${file.path}` : "not run: the run's report does not have this scenario"],
    });
    const byUse = linesByUse(file, result.lines).flatMap((line): Placed[] =>
      users.length === 0
        ? [{ line, entry: unused("used") }]
        : users.map((step) => ({
            line,
            entry: { ...stepFields(result, step), role: "uses-file", file: file.path, mark: stepMark("uses-file", step.status, line, result, false) },
          })),
    );
    return [...unbuilt.map((line) => ({ line, entry: unused("built") })), ...byUse];
  });
}
