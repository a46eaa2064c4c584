import type { CheckContext } from "../checks/index.js";
import type { BackgroundCommand } from "../support/background-command.js";
import type { CheckOutcome } from "../checks/index.js";
import type { StartedSandbox } from "../sandbox/sandbox.js";
import type { LessonFilePlan } from "../scenario/plan.js";

/** What the steps of one scenario share while it runs. */
export interface StepRunState {
  /** Captured values, by name. */
  variables: Record<string, string>;
  /** Commands left running (a learner's second terminal), stopped when the scenario ends. */
  background: BackgroundCommand[];
  /** Where the lesson's commands run (its terminal) and what watches its build cache. */
  sandbox: StartedSandbox;
  /** The checks' view of the sandbox; each check sets its own attempt timeout. */
  context: Omit<CheckContext, "attemptTimeoutMs">;
  lessonFile: string;
  /** Files written from the lesson's text: a build of one cites the lesson line of a failing instruction. */
  lessonFiles: readonly LessonFilePlan[];
  /** The working folder lesson commands run in. */
  cwd: string;
  /** The scenario's `images:` (a failure that shows a stand-in's gap is unverified only for these). */
  images: readonly string[];
}

export interface StepOutcome extends CheckOutcome {
  command: string;
  /** A more precise lesson line than the step's own, e.g. the Dockerfile instruction a build failed at. */
  lessonLine?: number;
  /** It ran, but its claim could not be checked here (why): neither passed nor failed. */
  unverified?: string;
  /**
   * This machine stopped what the step ran (a build's download out of reach), in words: what follows runs on, but
   * what it observes may be the stop's doing (see run-steps.ts).
   */
  environment?: string;
}
