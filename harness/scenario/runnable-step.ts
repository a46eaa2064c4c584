import type { ParsedCommand } from "../commands/command-line.js";
import type { OutputExpectation } from "../checks/output-expectation.js";
import type { CheckStep } from "./index.js";

/** What a step says about the lesson when it passes: a defect it shows, or a note; with what it observed. */
export interface StepRemark {
  kind: "lesson-defect" | "note";
  text: string;
}

interface StepBase {
  /** Human name: the scenario's, or derived from the command/check. */
  name: string;
  /** Line of the step in the scenario file. */
  line: number;
  /** The lesson line this step runs, quotes or cites first, for reports and hang messages (as the lesson is now). */
  lessonLine: number | null;
  /** Every lesson line the step cites (as the lesson is now). */
  cites: number[];
  /** Reported when the step passes. */
  remark: StepRemark | null;
  /** It prepares what the claims need: when it cannot complete here, the claims are unverified, not failed. */
  setup: boolean;
}

export interface RunnableRunStep extends StepBase {
  kind: "run";
  commandText: string;
  /** Null when the step cannot run here (`unrunnable` says why). */
  command: ParsedCommand | null;
  /** The lesson line whose command this step runs (from the lesson, or a `quotes` copy of it); null for its own command. */
  runsLesson: number | null;
  /** For a command taken from the lesson: the line it is on, and its text when the scenario was fixed if it changed. */
  fromLesson: { line: number; was: string | null } | null;
  unrunnable: string | null;
  /** Run the line in a POSIX shell (captured values as environment variables); `command` is then null. */
  shell: boolean;
  /** What the learner types in answer; null: nothing (end of input at once). */
  input: string | null;
  /** Under a pseudo-terminal (`docker exec -it …`). */
  tty: boolean;
  capture: string | null;
  timeoutMs: number;
  background: boolean;
  expect: OutputExpectation;
}

/** A validated check; its kind-specific fields stay as the schema typed them. */
export interface RunnableCheckStep extends StepBase {
  kind: "check";
  spec: CheckStep;
  /** The check in words, for reports; `${variables}` are filled in when it runs. */
  description: string;
  timeoutMs: number;
  eventuallyMs: number | null;
}

export type RunnableStep = RunnableRunStep | RunnableCheckStep;
