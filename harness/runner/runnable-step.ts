import type { ParsedCommand } from "../commands/command-line.js";
import type { OutputExpectation } from "../expectations/output-expectation.js";
import type { CheckStep } from "../scenario/index.js";

interface StepBase {
  /** Human name: the scenario's, or derived from the command/check. */
  name: string;
  /** Line of the step in the scenario file. */
  line: number;
  /** The lesson line this step quotes or cites first, for reports and hang messages. */
  lessonLine: number | null;
  /** A documented discrepancy with the lesson, recorded when the step passes. */
  finding: string | null;
}

export interface RunnableRunStep extends StepBase {
  kind: "run";
  commandText: string;
  command: ParsedCommand;
  capture: string | null;
  timeoutMs: number;
  background: boolean;
  /** For a build of the lesson's own Dockerfile: the lesson line its line 1 is. */
  dockerfileLessonLine: number | null;
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
