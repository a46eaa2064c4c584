import type { ParsedCommand } from "../steps/command-line.js";
import type { OutputExpectation } from "../expectations/output-expectation.js";

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
  expect: OutputExpectation;
}

export type CheckKind = "resolves" | "does-not-resolve" | "reachable" | "unreachable" | "logs-contain";

export interface RunnableCheckStep extends StepBase {
  kind: "check";
  check: CheckKind;
  from: string | null;
  /** Hostname for resolves / does-not-resolve. */
  hostname: string | null;
  target: string | null;
  container: string | null;
  text: string | null;
  timeoutMs: number;
  eventuallyMs: number | null;
}

export type RunnableStep = RunnableRunStep | RunnableCheckStep;
