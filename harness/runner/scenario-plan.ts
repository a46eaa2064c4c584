import type { RunnableStep } from "./runnable-step.js";

/** A validated scenario, in the form the runner executes. */
export interface ScenarioPlan {
  file: string;
  name: string;
  lesson: { file: string; section: string; lines: [number, number] | null };
  knownIssue: string | null;
  images: string[];
  publishedPorts: number[];
  timeoutMs: number;
  /** The app the lesson's learner works in; copied fresh for every run, and commands run in the copy. */
  workdir: string | null;
  steps: RunnableStep[];
}
