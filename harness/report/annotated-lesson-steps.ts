/**
 * What each step of a result says about the lines it names. A passing step proves a line only by running its text
 * verbatim (`runsLesson`) or by the claim it is bound to (`claims`), and only in a scenario that is no demonstration;
 * a line it merely cites is demonstrated by the command that ran, and a claim it contradicts is a lesson defect.
 */
import type { ScenarioStatus } from "../model/report-types.js";
import { type LineMark, outcomeMark } from "./annotated-lesson-marks.js";
import type { EntryRole, LineEntry } from "./annotated-lesson-model.js";
import { observedOf } from "./annotated-lesson-observed.js";
import { demonstrationOf, entryBase, knownIssueLines, type ScenarioResult, type StepView, stepViews, stepWords } from "./annotated-lesson-result.js";

/** Roles that carry the lesson's own text (or its claim) through the step: a pass there proves the line. */
const VERBATIM: ReadonlySet<EntryRole> = new Set(["runs", "claims", "builds", "uses-file"]);
export const isBound = (role: EntryRole): boolean => role === "claims" || role === "contradicts";
const machineVerdict = (verdict: ScenarioStatus | null) => verdict === "unverified" || verdict === "skipped" || verdict === "error";

/**
 * The mark a step with this status gives `line`, which it is about in this role. A claim follows the ledger: a
 * binding whose step this machine kept from running is unverified. A command or file line the step ran before it
 * stopped at another line (its build stopped at an instruction; the known issue is elsewhere) only partly ran.
 */
export function stepMark(role: EntryRole, status: StepView["status"], line: number, result: ScenarioResult, stoppedElsewhere: boolean): LineMark {
  const verdict = result.report?.status ?? null;
  if (status === "passed") {
    if (role === "contradicts") return "defect";
    return VERBATIM.has(role) && demonstrationOf(result) === null ? "passed" : "demonstrated";
  }
  if (status === "skipped" || status === "not-run") return isBound(role) && machineVerdict(verdict) ? "unverified" : "not-reached";
  if (isBound(role)) return outcomeMark(status, verdict);
  const issues = knownIssueLines(result);
  if (status === "failed" && verdict === "known-issue" && issues !== null && !issues.has(line)) return "partial";
  return stoppedElsewhere ? "partial" : outcomeMark(status, verdict);
}

/** The lines a step names and how: contradicting a claim outranks running a line, running outranks proving, proving outranks citing. */
const ROLE_RANK: Partial<Record<EntryRole, number>> = { cites: 1, claims: 2, runs: 3, contradicts: 4 };

function stepRoles(step: StepView): Map<number, EntryRole> {
  const roles = new Map<number, EntryRole>();
  const put = (line: number | null, role: EntryRole) => {
    const held = roles.get(line ?? 0);
    if (line !== null && (held === undefined || (ROLE_RANK[role] ?? 0) > (ROLE_RANK[held] ?? 0))) roles.set(line, role);
  };
  put(step.lessonLine, "cites");
  for (const line of step.cites) put(line, "cites");
  for (const claim of step.claims) put(claim.line, claim.role === "contradicts" ? "contradicts" : "claims");
  put(step.runsLesson, "runs");
  return roles;
}

/** A step's own entry fields: its name, command, status, evidence and error. */
export function stepFields(result: ScenarioResult, step: StepView): Omit<LineEntry, "role" | "mark"> {
  const ran = step.reported !== undefined && step.status !== "skipped";
  return {
    ...entryBase(result),
    step: step.name,
    kind: step.kind,
    command: step.command,
    status: step.status,
    words: stepWords(step, result.report),
    observed: ran && step.reported ? observedOf(step.reported) : [],
    error: step.reported?.error ?? null,
  };
}

/** Why a line a step ran only partly shows: where the step stopped instead. */
function partialWords(result: ScenarioResult, stop: number | undefined): string {
  if (stop !== undefined) return `its build stopped at line ${stop}`;
  return `it failed at the known issue, line ${[...(knownIssueLines(result) ?? [])].join(", ")}`;
}

/**
 * Every line the steps of a result name, with what each step says there. A line a step's own build record covers is
 * left to that record (it says more than the step's status does), unless the step is bound to it as a claim.
 */
export function stepEntries(
  result: ScenarioResult,
  builds: { builtBy: (step: number) => ReadonlySet<number>; stoppedAt: ReadonlyMap<number, number> },
): Array<{ line: number; entry: LineEntry }> {
  return stepViews(result).flatMap((step) => {
    const built = builds.builtBy(step.index);
    const stop = builds.stoppedAt.get(step.index);
    const fields = stepFields(result, step);
    return [...stepRoles(step)]
      .filter(([line, role]) => isBound(role) || !built.has(line))
      .map(([line, role]) => {
        const mark = stepMark(role, step.status, line, result, stop !== undefined);
        const words = mark === "partial" ? [...fields.words, partialWords(result, stop)] : fields.words;
        return { line, entry: { ...fields, role, mark, words } };
      });
  });
}
