/**
 * What marks each line of a file a scenario wrote from the lesson (`lessonFiles`). A Dockerfile's instructions are
 * marked by the builds' own records of them; every other line of a file — a compose file, a `.dockerignore`, a
 * Dockerfile's comments and continued lines — by the steps that used the file (commands/file-users.ts): a build whose
 * context holds it, a compose command reading it, a command naming its path. A file no step used was never tried.
 * The ledger (lesson-uses.ts) and the annotated page (annotated-lesson-builds.ts) both read lines this way.
 */
import { commandUsesFile } from "../commands/file-users.js";
import { dockerfileBlocks, type LessonLine } from "../lesson/lesson-text.js";
import type { ScenarioReport } from "../model/report-types.js";
import { type LessonFilePlan, lessonLineOf } from "../scenario/plan.js";

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** One instruction of a lesson file's Dockerfile as a reported build did it. */
export interface BuiltInstruction {
  /** The lesson line of the instruction. */
  line: number;
  /** Index of the build step in the scenario's steps. */
  step: number;
  instruction: string;
  cached: boolean;
  /**
   * The builder's status (done, cached, failed; incomplete: never reached). metadata: an instruction the builder
   * lists no step for (BuildKit shows no EXPOSE or CMD) in a build that got past it.
   */
  status: "done" | "cached" | "failed" | "incomplete" | "metadata";
}

/** The instruction lines of a lesson file (its Dockerfile block), as lesson lines. */
export function lessonFileInstructions(file: Pick<LessonFilePlan, "lines">, lessonLines: readonly string[]): LessonLine[] {
  return dockerfileBlocks(lessonLines.slice(0, file.lines[1]))
    .flatMap((block) => block.instructions)
    .filter((entry) => entry.line >= file.lines[0]);
}

const STATUSES = new Set(["done", "cached", "failed", "incomplete"]);

/** Every instruction of the scenario's lesson files, per reported build of one of them, in lesson order. */
export function builtInstructions(
  plan: { lessonFiles: ReadonlyArray<Pick<LessonFilePlan, "path" | "lines" | "offset">> },
  report: ScenarioReport,
  lessonLines: readonly string[],
): BuiltInstruction[] {
  const built: BuiltInstruction[] = [];
  report.steps.forEach((step, index) => {
    const build = isRecord(step.evidence?.build) ? step.evidence.build : null;
    const file = plan.lessonFiles.find((candidate) => build && build.dockerfile === candidate.path);
    if (!file || !Array.isArray(build?.steps)) return;
    const named = new Map<number, Record<string, unknown>>();
    for (const entry of build.steps) {
      // A line of the scenario's own (`before`) is no lesson line.
      const line = isRecord(entry) && typeof entry.line === "number" ? lessonLineOf(file, entry.line) : null;
      if (line !== null) named.set(line, entry as Record<string, unknown>);
    }
    // The first instruction the builder failed (Infinity when it named none).
    const failedAt = Math.min(...[...named].filter(([, entry]) => entry.status === "failed").map(([line]) => line));
    for (const { line, text } of lessonFileInstructions(file, lessonLines)) {
      const entry = named.get(line);
      const status = typeof entry?.status === "string" && STATUSES.has(entry.status) ? (entry.status as BuiltInstruction["status"]) : undefined;
      if (entry && status) {
        const instruction = typeof entry.instruction === "string" ? entry.instruction : text;
        built.push({ line, step: index, instruction, cached: entry.cached === true, status });
      } else {
        // Unlisted: part of a build that made its image, or got past this line before it failed; else never reached.
        const madeImage = typeof build.imageId === "string" && build.imageId !== "";
        const reached = madeImage || (Number.isFinite(failedAt) && line < failedAt);
        built.push({ line, step: index, instruction: text, cached: false, status: reached ? "metadata" : "incomplete" });
      }
    }
  });
  return built;
}

/** The lines of a lesson file the steps that used it stand for: its non-blank lines but its Dockerfile instructions. */
export function linesByUse(file: Pick<LessonFilePlan, "lines">, lessonLines: readonly string[]): number[] {
  const instructions = new Set(lessonFileInstructions(file, lessonLines).map((entry) => entry.line));
  return Array.from({ length: Math.max(0, file.lines[1] - file.lines[0] + 1) }, (_, k) => file.lines[0] + k).filter(
    (line) => !instructions.has(line) && (lessonLines[line - 1] ?? "").trim() !== "",
  );
}

/** The run steps, of those given, whose command used the lesson file. */
export function fileUsers<Step extends { kind: "run" | "check" | null; command: string | null }>(
  file: Pick<LessonFilePlan, "path">,
  steps: readonly Step[],
): Step[] {
  return steps.filter((step) => step.kind === "run" && step.command !== null && commandUsesFile(step.command, file.path));
}
