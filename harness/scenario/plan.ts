/**
 * A validated scenario as the runner executes it and reports read it: one plan step per scenario step, each carrying
 * the step exactly as the schema typed it (`spec`, every field) with what loading learned about it attached (its
 * lesson references as the lesson is now, the command it runs, why it cannot run). A new step field is the schema's
 * and its user's business only: it reaches the runner in `spec`.
 */
import type { CheckStep } from "../checks/index.js";
import type { CliPlugin } from "../commands/cli-plugins.js";
import type { ParsedCommand } from "../commands/command-line.js";
import type { RunStep } from "./step-schema.js";

/** What a step says about the lesson when it passes: a defect it shows, or a note; with what it observed. */
export interface StepRemark {
  kind: "lesson-defect" | "note";
  text: string;
}

/**
 * A lesson line whose claim a step proves, as the lesson reads it now. `review` says why the step cannot stand for
 * it until a maintainer looks (its text changed since the scenario was fixed, or there is no record of the text the
 * scenario was written against); null when the step proves the text it was written for.
 */
export interface ClaimBinding {
  line: number;
  /** proves: the step passing shows the claim true; contradicts: the step passing shows it false (a lesson defect). */
  role: "proves" | "contradicts";
  text: string;
  review: string | null;
}

interface PlanStepBase {
  /** Human name: the scenario's, or derived from the command/check. */
  name: string;
  /** Line of the step in the scenario file. */
  line: number;
  /** The lesson line this step runs, quotes or cites first, for reports and hang messages (as the lesson is now). */
  lessonLine: number | null;
  /** Every lesson line the step cites (as the lesson is now). */
  cites: number[];
  /** The claims the step proves, bound to their text. */
  claims: ClaimBinding[];
  /** Texts the step takes from the lesson (`{ lesson: N }`): which field, from which line, what it uses. */
  values: Array<{ field: string; line: number; value: string }>;
  /** Reported when the step passes. */
  remark: StepRemark | null;
  /** It prepares what the claims need: when it cannot complete here, the claims are unverified, not failed. */
  setup: boolean;
  /** Why the step cannot run until a maintainer reviews it (a value it takes from an edited claim line is gone), or null. */
  unresolved: string | null;
}

export interface RunPlanStep extends PlanStepBase {
  kind: "run";
  /** The step as written (its lesson line numbers resolved to the lesson as it is now). */
  spec: RunStep;
  /** What runs: the step's own text, or the command its lesson line shows now. */
  commandText: string;
  /** Null when the step cannot run here (`unrunnable` says why) or runs in a shell. */
  command: ParsedCommand | null;
  /** The lesson line whose command this step runs (from the lesson, or a `quotes` copy of it); null for its own command. */
  runsLesson: number | null;
  /** For a command taken from the lesson: the line it is on, and its text when the scenario was fixed if it changed. */
  fromLesson: { line: number; was: string | null } | null;
  unrunnable: string | null;
  /** CLI plugins its commands need (`docker compose …`: compose). */
  plugins: CliPlugin[];
}

/** A CLI plugin a step needs: an engine that lacks it cannot run the scenario, which is then skipped there. */
export interface PluginNeed {
  plugin: CliPlugin;
  /** The first step that needs it: its command and its line in the scenario file. */
  command: string;
  line: number;
}

export interface CheckPlanStep extends PlanStepBase {
  kind: "check";
  /** The check as written; its kind-specific fields stay as the check's schema typed them. */
  spec: CheckStep;
  /** The check in words, for reports; `${variables}` are filled in when it runs. */
  description: string;
}

export type PlanStep = RunPlanStep | CheckPlanStep;

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
  /** How many lines of the scenario's own (`before`) come first: the file's line offset + k is lesson line lines[0] + k - 1. */
  offset: number;
  text: string;
}

/** The lesson line that line `line` of a lesson file is, or null for one of the scenario's own lines before it. */
export const lessonLineOf = (file: Pick<LessonFilePlan, "lines" | "offset">, line: number): number | null =>
  line > file.offset ? file.lines[0] + line - file.offset - 1 : null;

/** A validated scenario, in the form the runner executes. */
export interface ScenarioPlan {
  file: string;
  name: string;
  lesson: { file: string; section: string; lines: [number, number] | null };
  knownIssue: { line: number; reason: string; expect: ExpectedFailure[] } | null;
  waives: Array<{ line: number; reason: string }>;
  lessonFiles: LessonFilePlan[];
  /** Set when the scenario shows the lesson's principle on material of its own: what it stands in for. */
  demonstration: string | null;
  /** Lesson lines the scenario runs or cites whose text changed since it was fixed: reported beside the verdict. */
  lessonChanges: Array<{ line: number; hint: number; was: string; now: string }>;
  images: string[];
  /** The CLI plugins the steps need, each once (the first step that needs it). */
  plugins: PluginNeed[];
  publishedPorts: number[];
  timeoutMs: number;
  /** The app the lesson's learner works in; copied fresh for every run, and commands run in the copy. */
  workdir: string | null;
  steps: PlanStep[];
}
