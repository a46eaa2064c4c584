/**
 * The annotated lesson as data: every lesson line with one mark per engine the run used and the entries behind the
 * marks (which scenario and step did what there, and what it observed). The page and the Markdown read only this.
 */
import type { FindingKind, ScenarioStatus, StepStatus } from "../model/report-types.js";
import type { LineMark } from "./annotated-lesson-marks.js";

/** What a build did with one instruction of the lesson's Dockerfile. */
export type BuiltWord = "cached" | "ran" | "failed" | "not reached" | "in the image" | "got past it, no image made";

/**
 * How an entry is about its line: the step runs the line's text, proves or contradicts its claim, only cites it, builds
 * it (a Dockerfile instruction), uses the lesson file the line is in (or nothing used that file), or a finding or
 * waiver names it.
 */
export type EntryRole = "runs" | "claims" | "contradicts" | "cites" | "builds" | "uses-file" | "file-unused" | "finding" | "waives";

export interface LineEntry {
  /** The engine of the result this entry comes from; null for reports from before engines were recorded. */
  engine: string | null;
  /** The scenario's short name (N1) and file. */
  scenario: string;
  scenarioFile: string;
  /** The scenario's verdict on that engine; null when the run's report does not have it. */
  verdict: ScenarioStatus | null;
  /** The scenario's own words when it shows the lesson's principle on material of its own. */
  demonstration: string | null;
  role: EntryRole;
  step: string | null;
  /** A run step's command as run, or a check step's check in words. */
  kind: "run" | "check" | null;
  command: string | null;
  /** The step's status; not-run: the report has no such step. Null for findings and waivers. */
  status: StepStatus | "not-run" | null;
  build: BuiltWord | null;
  /** The lesson file (its path in the working folder) a uses-file or file-unused entry is about. */
  file: string | null;
  mark: LineMark;
  /** Evidence in words (evidenceInWords, less the error line: `error` has it), or what stopped the step. */
  words: string[];
  /** What a check saw, as text: the HTTP body of a reachable check, the documents a mongo-count counted. */
  observed: Array<{ label: string; text: string }>;
  error: { code: string; message: string } | null;
  /** finding.text is observed; finding.explanation is the scenario author's words. */
  finding: { kind: FindingKind; text: string; explanation: string | null } | null;
  /** A waiver's reason. */
  reason: string | null;
}

/** One engine's mark on a line; engine null: the run used one engine (or named none), or the line is uncovered. */
export interface EngineMark {
  engine: string | null;
  mark: LineMark;
}

export interface AnnotatedLine {
  line: number;
  text: string;
  /** One per engine the run used, in the run's order; empty for a line nothing is about (prose, blank). */
  marks: EngineMark[];
  entries: LineEntry[];
}

/** What the run proved of the lesson, counted as the console, Markdown and JUnit headlines count it (run-ledger.ts). */
export interface LessonLedger {
  /** ledgerHeadline of the whole run; null when the report has no result for this lesson. */
  headline: string | null;
  /** The same per engine, when the run used several. */
  engines: Array<{ engine: string; headline: string }>;
  /** The known issues the run reproduced: lesson defects, never claims that hold. */
  knownIssues: Array<{ line: number | null; scenario: string; engines: string[] }>;
}

export interface AnnotatedLesson {
  lesson: string;
  /** The engines the run used, in its order; [null] for a run that named none. */
  engines: Array<string | null>;
  lines: AnnotatedLine[];
  /** Per engine, how many lines carry each mark. */
  counts: Array<{ engine: string | null; counts: Record<LineMark, number> }>;
  /** Findings about this lesson that name no line of it. */
  unplaced: LineEntry[];
  ledger: LessonLedger;
}
