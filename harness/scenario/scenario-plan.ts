import type { RunnableStep } from "./runnable-step.js";

/** The failure a known issue produces: the failing step and/or a pattern of its error, optionally on some engines. */
export interface ExpectedFailure {
  step: string | null;
  message: string | null;
  engines: string[] | null;
}

/** A file written into the working folder from the lesson's text before the first step (a Dockerfile block). */
export interface LessonFilePlan {
  path: string;
  /** The lesson lines it holds, as the lesson is now. */
  lines: [number, number];
  /** How many lines of the scenario's own (`before`) come first: the file's line offset + k is lesson line lines[0] + k - 1. */
  offset: number;
  text: string;
}

/** The lesson line that line `line` of a lesson file is, or null for one of the scenario's own lines before it. */
export const lessonLineOf = (file: Pick<LessonFilePlan, "lines" | "offset">, line: number): number | null =>
  line > file.offset ? file.lines[0] + line - file.offset - 1 : null;

/** A validated scenario, in the form the runner executes. */
export interface ScenarioPlan {
  file: string;
  name: string;
  lesson: { file: string; section: string; lines: [number, number] | null };
  knownIssue: { line: number; reason: string; expect: ExpectedFailure[] } | null;
  waives: Array<{ line: number; reason: string }>;
  lessonFiles: LessonFilePlan[];
  /** Set when the scenario shows the lesson's principle on material of its own: what it stands in for. */
  demonstration: string | null;
  /** Lesson lines the scenario runs or cites whose text changed since it was fixed: reported beside the verdict. */
  lessonChanges: Array<{ line: number; hint: number; was: string; now: string }>;
  images: string[];
  publishedPorts: number[];
  timeoutMs: number;
  /** The app the lesson's learner works in; copied fresh for every run, and commands run in the copy. */
  workdir: string | null;
  steps: RunnableStep[];
}
