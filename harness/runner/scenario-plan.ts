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
  text: string;
}

/** A validated scenario, in the form the runner executes. */
export interface ScenarioPlan {
  file: string;
  name: string;
  lesson: { file: string; section: string; lines: [number, number] | null };
  knownIssue: { line: number; reason: string; expect: ExpectedFailure[] } | null;
  waives: Array<{ line: number; reason: string }>;
  lessonFiles: LessonFilePlan[];
  /** Lesson lines the scenario runs or cites whose text changed since it was fixed: reported beside the verdict. */
  lessonChanges: Array<{ line: number; hint: number; was: string; now: string }>;
  images: string[];
  publishedPorts: number[];
  timeoutMs: number;
  /** The app the lesson's learner works in; copied fresh for every run, and commands run in the copy. */
  workdir: string | null;
  steps: RunnableStep[];
}
