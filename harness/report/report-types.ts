/** The shape of `dockproof run --json`; `version` changes when this shape does. */
export const REPORT_VERSION = 1;

export type ScenarioStatus = "passed" | "failed" | "known-issue" | "skipped";
export type StepStatus = "passed" | "failed" | "skipped";

export interface StepReport {
  name: string;
  kind: "run" | "check";
  /** The check's kind (`resolves`, `mongo-count`, …) for check steps; its words come from that check's module. */
  check?: string | null;
  /** The command as run (variables substituted), or the check in words. */
  command: string | null;
  lessonLine: number | null;
  status: StepStatus;
  durationMs: number;
  evidence: Record<string, unknown>;
  error: { code: string; message: string } | null;
}

export type FindingKind =
  /** The lesson text says something the run shows to be wrong or incomplete. */
  | "lesson-discrepancy"
  /** A scenario marked knownIssue failed as documented. */
  | "known-issue"
  /** A scenario marked knownIssue passed: the issue may be fixed, the marker may be stale. */
  | "known-issue-not-reproduced"
  /** Something about this machine, not the lesson, stopped the scenario. */
  | "environment-limitation";

export interface Finding {
  kind: FindingKind;
  text: string;
  lessonFile: string;
  lessonLine: number | null;
  step: string | null;
}

export interface ImageReport {
  ref: string;
  id: string;
  digest: string | null;
  substitute: boolean;
  substituteFor: string | null;
  /** The stand-in's own name ("mongo-compat"); absent in reports written before it was recorded. */
  substituteName?: string | null;
}

export interface ScenarioReport {
  file: string;
  name: string;
  lesson: { file: string; section: string; lines: [number, number] | null };
  status: ScenarioStatus;
  durationMs: number;
  sandbox: { kind: "dind" | "host"; readyMs: number; seedMs: number; privilege: string | null; failedStarts?: string[] } | null;
  images: string[];
  steps: StepReport[];
  findings: Finding[];
  error: { code: string; message: string } | null;
}

export interface RunReport {
  version: number;
  durationMs: number;
  images: ImageReport[];
  scenarios: ScenarioReport[];
}
