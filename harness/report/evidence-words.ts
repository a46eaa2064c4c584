import { checkFor } from "../checks/index.js";
import { firstLine, isRecord } from "../checks/evidence-values.js";
import type { ScenarioReport, StepReport } from "../model/report-types.js";
import { failedStepWords } from "./failed-step-words.js";

export { firstLine } from "../checks/evidence-values.js";

/**
 * Key evidence of a step in words ("mongo -> 172.18.0.3 from backend", "3 of 3 documents", "npm install: cached"):
 * a check step's words come from its check module (harness/checks/), a run step's from what it recorded (the build,
 * per instruction, and captured values).
 */
export function evidenceInWords(step: StepReport): string[] {
  if (step.status === "skipped") return [];
  const evidence = step.evidence ?? {};
  const words = step.kind === "check" ? checkWords(step.check, evidence) : runWords(evidence);
  // A run step that demonstrates a lesson line and passed, with nothing above to say: its name says what it showed.
  if (words.length === 0 && step.kind === "run" && step.status === "passed" && step.lessonLine !== null) words.push(`✓ ${step.name}`);
  if (step.status === "failed" && step.error) words.push(`✗ ${failedStepWords(step)}`);
  return words;
}

function checkWords(kind: string | null | undefined, evidence: Record<string, unknown>): string[] {
  const definition = kind ? checkFor(kind) : undefined;
  // A check that threw before it saw anything has no evidence to put in words; its error says what happened.
  return definition && Object.keys(evidence).length > 0 ? definition.words(evidence) : [];
}

function runWords(evidence: Record<string, unknown>): string[] {
  const words: string[] = [];
  const build = isRecord(evidence.build) ? evidence.build : null;
  for (const built of Array.isArray(build?.steps) ? build.steps : []) {
    if (!isRecord(built) || typeof built.instruction !== "string" || typeof built.cached !== "boolean" || /^FROM\b/i.test(built.instruction))
      continue;
    const outcome = built.cached ? "cached" : built.status === "failed" ? "failed" : built.status === "incomplete" ? "not reached" : "ran";
    words.push(`${shortInstruction(built.instruction.replace(/^RUN\s+/i, ""))}: ${outcome}`);
  }
  if (isRecord(evidence.captured)) {
    for (const [name, value] of Object.entries(evidence.captured)) {
      if (typeof value === "string" && isWorthShowing(value)) words.push(`${name} = ${value}`);
    }
  }
  return words;
}

/** Every step's words, in order, for the one-line "what the run showed" of a scenario. */
export function scenarioEvidence(scenario: ScenarioReport): string[] {
  const words = scenario.steps.flatMap((step) => evidenceInWords(step));
  // A retry on a fresh sandbox is said first: the verdict came from the second attempt, after a machine fault.
  const first = scenario.attempts && scenario.attempts.length > 1 ? scenario.attempts[0] : undefined;
  if (first) words.unshift(`${scenario.status} on the second attempt, after: ${firstLine(first.error?.message ?? "an error")}`);
  const skipped = scenario.steps.filter((step) => step.status === "skipped").length;
  if (skipped > 0) words.push(`${skipped} step${skipped === 1 ? "" : "s"} not run`);
  if (scenario.error) words.push(`${scenario.error.code}: ${firstLine(scenario.error.message)}`);
  return words;
}

const shortInstruction = (command: string): string => {
  const trimmed = command.trim();
  return trimmed.length > 60 ? `${trimmed.slice(0, 57)}…` : trimmed;
};

/** Captured values worth a reader's eye: short, and not a 64-hex container or image id. */
const isWorthShowing = (value: string): boolean =>
  value !== "" && value.length <= 40 && !value.includes("\n") && !/^(?:sha256:)?[0-9a-f]{32,}$/.test(value);
