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
  /** Directory lesson commands run in (the scenario's own folder: build contexts are relative to it). */
  cwd: string;
  steps: RunnableStep[];
}
