import type { ErrorReport } from "../support/errors.js";
import type { ScenarioStamp } from "./stamp.js";

/** The shape of `dockproof run --json`; `version` changes when this shape does. */
export const REPORT_VERSION = 2;

/**
 * passed: every claim held. failed: the lesson failed a claim. known-issue: it failed exactly as its documented bug.
 * unverified: nothing failed, but a claim could not be checked here (a stand-in lacks the feature, a lesson command
 * cannot run). review: nothing failed, but a claim a step proves changed since the scenario was fixed (or no record of
 * the text it was written for exists): a maintainer must update the scenario and record the text (`dockproof fix`).
 * skipped: this machine stopped it before anything was proved. error: the machine failed (the sandbox's daemon died,
 * the disk filled, the harness broke): not a verdict on the lesson.
 */
export type ScenarioStatus = "passed" | "failed" | "known-issue" | "review" | "unverified" | "skipped" | "error";
export type StepStatus = "passed" | "failed" | "review" | "unverified" | "skipped";

export interface StepReport {
  name: string;
  kind: "run" | "check";
  /** The check's kind (`resolves`, `mongo-count`, …) for check steps; its words come from that check's module. */
  check?: string | null;
  /** The command as run (variables substituted), or the check in words. */
  command: string | null;
  lessonLine: number | null;
  /** The lesson line whose command the step runs as the lesson says it (its own copy or `run: { lesson: N }`); null for its own. */
  runsLesson?: number | null;
  /** Lesson lines the step cites (as the lesson is now). */
  cites?: number[];
  /** The claims the step proves, as the lesson reads them now, and why each needs review (null: bound to its text). */
  claims?: Array<{ line: number; role: "proves" | "contradicts"; text: string; review: string | null }>;
  /** Texts the step took from the lesson (`{ lesson: N }`): which field, from which line, what it used. */
  values?: Array<{ field: string; line: number; value: string }>;
  /** The step prepares what the claims need: its failure makes them unverified, not failed. */
  setup?: boolean;
  /** For a command taken from the lesson whose text changed since the scenario was fixed: was -> now. */
  lessonChange?: { line: number; was: string; now: string } | null;
  status: StepStatus;
  durationMs: number;
  evidence: Record<string, unknown>;
  /** Why it failed: its code (and so its blame, see error-codes.ts), its words, the stack of a dockproof bug. */
  error: ErrorReport | null;
}

export type FindingKind =
  /** The lesson is wrong or incomplete here, and the run shows it. */
  | "lesson-defect"
  /** Worth telling about the lesson, not a defect. */
  | "note"
  /** A claim dockproof could not check here (a stand-in lacks the feature, a lesson command cannot run). */
  | "unverified"
  /** A scenario marked knownIssue failed as documented. */
  | "known-issue"
  /** A scenario marked knownIssue failed, but not as documented: the scenario fails. */
  | "known-issue-mismatch"
  /** A scenario marked knownIssue passed: the issue may be fixed, the marker may be stale. */
  | "known-issue-not-reproduced"
  /** Lesson text the scenario runs or cites changed since the scenario was fixed. */
  | "lesson-changed"
  /** A claim a step proves changed (or is bound to no recorded text): the step cannot stand for it until reviewed. */
  | "review"
  /** Something about this machine, not the lesson, stopped the scenario. */
  | "environment-limitation";

export interface Finding {
  kind: FindingKind;
  /** What the run observed (or, for lesson-changed, what the lesson says now against what it said). */
  text: string;
  /** The scenario author's explanation, when there is one: words, not evidence, and shown as such. */
  explanation?: string | null;
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

/** The engine a scenario ran on, as its terminal reported it. */
export interface EngineReport {
  /** `modern`, `legacy`, or `host` (isolation host: the outer engine itself). */
  name: string;
  client: string | null;
  server: string | null;
  builder: "buildkit" | "classic" | null;
  /** The CLI plugins the sandbox's docker carries, as it answered (`docker compose version`); absent: not asked. */
  plugins?: string[] | null;
}

export interface ScenarioReport {
  file: string;
  name: string;
  /** Absent in reports written before engines were a dimension of a run. */
  engine?: EngineReport | null;
  /** Set when the scenario shows the lesson's principle on material of its own: what it stands in for. */
  demonstration?: string | null;
  lesson: { file: string; section: string; lines: [number, number] | null };
  status: ScenarioStatus;
  durationMs: number;
  sandbox: {
    kind: "dind" | "host";
    readyMs: number;
    seedMs: number;
    /** How the sandbox got its images: template-mount, template-copy, archive, host-retag or none. */
    seeding?: string;
    privilege: string | null;
    failedStarts?: string[];
    /** Started while earlier scenarios ran (absent in older reports). */
    prestarted?: boolean;
    /** Milliseconds this scenario waited for its sandbox and working folder: readyMs and seedMs, less what a prestart hid. */
    waitMs?: number;
  } | null;
  images: string[];
  /** Lesson lines the scenario leaves unrun, and why (what the ledger reads; absent in older reports). */
  waives?: Array<{ line: number; reason: string }>;
  /** Files written from the lesson's lines before the steps: where their lines are (absent in older reports). */
  lessonFiles?: Array<{ path: string; lines: [number, number]; offset: number }>;
  steps: StepReport[];
  findings: Finding[];
  /** Lesson lines the scenario runs or cites whose text changed since it was fixed. */
  lessonChanges?: Array<{ line: number; was: string; now: string }>;
  /** What the verdict was verified against (lesson spans, fixtures, scenario); absent in reports from before stamps. */
  stamp?: ScenarioStamp | null;
  /** Earlier attempts on a fresh sandbox, when a machine fault made one an error (one retry, errors only). */
  attempts?: Array<{ status: ScenarioStatus; error: ErrorReport | null }>;
  /** What made it an error (the machine or a dockproof bug, with its stack), or what stopped it before its steps. */
  error: ErrorReport | null;
}

export interface RunReport {
  version: number;
  durationMs: number;
  images: ImageReport[];
  scenarios: ScenarioReport[];
}
