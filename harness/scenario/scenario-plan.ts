/**
 * The plan of a loaded scenario: its steps in order, each the schema's spec with what loading learned of it (see
 * plan.ts). Built once, where the scenario is loaded: every caller (the CLI, vitest, status) runs the same plans.
 */
import path from "node:path";
import { checkFor } from "../checks/index.js";
import { CLAIM_FIELDS } from "../checks/step-fields.js";
import { redactPasswords } from "../checks/target.js";
import type { LessonSource } from "../lesson/lesson-source.js";
import type { LessonChange } from "./lesson-references.js";
import { type LessonValue, withoutValue } from "./lesson-values.js";
import type { CheckPlanStep, ClaimBinding, LessonFilePlan, PlanStep, PluginNeed, RunPlanStep, ScenarioPlan, StepRemark } from "./plan.js";
import { isRecord, valueAt } from "./raw-data.js";
import type { Scenario } from "./scenario-schema.js";
import type { StepFacts } from "./step-facts.js";
import type { CheckStep, RunStep } from "./step-schema.js";
import { resolveWorkdir } from "./workdir-checks.js";

/**
 * A scenario's `lessonFiles` (read off the raw file, so loading can use them before the whole file validates), each
 * with the text it holds: its own lines (`before`) then the lesson's, at the lines they are on now.
 */
export function lessonFilePlans(root: unknown, lines: ReadonlyMap<string, number>, source: LessonSource): LessonFilePlan[] {
  const files = valueAt(root, ["lessonFiles"]);
  return (Array.isArray(files) ? files : []).flatMap((file, index): LessonFilePlan[] => {
    if (!isRecord(file) || typeof file.path !== "string" || !Array.isArray(file.lines)) return [];
    const from = lines.get(`lessonFiles.${index}.lines.0`) ?? Number(file.lines[0]);
    const to = lines.get(`lessonFiles.${index}.lines.1`) ?? Number(file.lines[1]);
    const before = typeof file.before !== "string" || file.before === "" ? "" : file.before.replace(/\n?$/, "\n");
    const offset = before === "" ? 0 : before.split("\n").length - 1;
    return [{ path: file.path, lines: [from, to], offset, text: `${before}${source.lines.slice(from - 1, to).join("\n")}\n` }];
  });
}

function remarkOf(step: { finding?: string | undefined; note?: string | undefined }): StepRemark | null {
  if (step.finding) return { kind: "lesson-defect", text: step.finding.trim() };
  return step.note ? { kind: "note", text: step.note.trim() } : null;
}

type Bound = Pick<RunPlanStep, "claims" | "values" | "unresolved">;

function runStep(spec: RunStep, facts: StepFacts, line: number, change: LessonChange | null, bound: Bound): RunPlanStep {
  const cites = spec.cites ?? [];
  const commandText = facts.commandText ?? (typeof spec.run === "string" ? spec.run : "");
  const fromLesson = facts.lessonCommand;
  return {
    kind: "run",
    spec,
    name: spec.name ?? commandText,
    line,
    lessonLine: fromLesson?.line ?? spec.quotes ?? spec.contradicts?.[0] ?? spec.claims?.[0] ?? cites[0] ?? null,
    cites,
    ...bound,
    remark: remarkOf(spec),
    setup: spec.setup ?? false,
    commandText,
    command: facts.command,
    runsLesson: fromLesson?.line ?? spec.quotes ?? null,
    fromLesson: fromLesson ? { line: fromLesson.line, was: change?.was ?? null } : null,
    unrunnable: facts.unrunnable,
    plugins: facts.plugins,
  };
}

function checkStep(spec: CheckStep, line: number, bound: Bound): CheckPlanStep {
  const cites = spec.cites ?? [];
  // The check in words, with its `${variables}` still in place (they are filled in when it runs).
  const description = checkFor(spec.check)?.describe(spec) ?? spec.check;
  return {
    kind: "check",
    spec,
    name: spec.name ?? description,
    line,
    lessonLine: spec.contradicts?.[0] ?? spec.claims?.[0] ?? cites[0] ?? null,
    cites,
    ...bound,
    remark: remarkOf(spec),
    setup: spec.setup ?? false,
    description,
  };
}

/**
 * The claims step `index` proves, each with why it needs review: its text changed since the scenario was fixed, or
 * (`unbound`) no baseline records the text the scenario was written against.
 */
const valuesOf = (index: number, input: Pick<PlanInput, "values">) => input.values.filter((value) => value.path[1] === index);

function claimBindings(index: number, spec: RunStep | CheckStep, input: PlanInput): ClaimBinding[] {
  const bound = CLAIM_FIELDS.flatMap((field) => (spec[field] ?? []).map((line, item) => ({ line, item, field })));
  return bound.map(({ line, item, field }) => {
    const paths = [`steps.${index}.${field}.${item}`, `steps.${index}.${field}`];
    const change = input.lessonChanges.find((candidate) => paths.includes(candidate.path.join(".")));
    // A claim line the step also takes a value from, edited only in that value, says the same of the new value: the
    // step runs with it and execution decides.
    const onlyValue =
      change !== undefined &&
      valuesOf(index, input).some((value) => {
        if (value.line !== line) return false;
        const [was, now] = [withoutValue(value.match, change.was), withoutValue(value.match, change.now)];
        return was !== null && was === now;
      });
    const review =
      change && !onlyValue
        ? redactPasswords(
            `the claim it proves changed: line ${line} was ${JSON.stringify(change.was.trim())}, now ${JSON.stringify(change.now.trim())}`,
          )
        : input.unbound;
    return { line, role: field === "claims" ? "proves" : "contradicts", text: (input.lessonLines[line - 1] ?? "").trim(), review };
  });
}

export interface PlanInput {
  absoluteFile: string;
  /** Parsed, with every lesson line reference resolved to the lesson as it is now. */
  scenario: Scenario;
  lessonFiles: LessonFilePlan[];
  facts: readonly StepFacts[];
  /** The line of each step in the scenario file. */
  stepLines: readonly number[];
  lessonChanges: readonly LessonChange[];
  publishedPorts: number[];
  /** The lesson's lines as they are now. */
  lessonLines: readonly string[];
  /** Why no claim of this scenario is bound to a text (no baseline of its lesson), or null. */
  unbound: string | null;
  /** Texts steps take from the lesson. */
  values: readonly LessonValue[];
}

/** Each plugin the steps need, once, with the first step that needs it. */
function pluginNeeds(steps: readonly PlanStep[]): PluginNeed[] {
  const needs = new Map<string, PluginNeed>();
  for (const step of steps) {
    if (step.kind !== "run") continue;
    for (const plugin of step.plugins) if (!needs.has(plugin)) needs.set(plugin, { plugin, command: step.commandText, line: step.line });
  }
  return [...needs.values()];
}

export function scenarioPlan(input: PlanInput): ScenarioPlan {
  const { scenario } = input;
  const issue = scenario.knownIssue;
  const changeOf = (index: number) => input.lessonChanges.find((change) => change.path.join(".") === `steps.${index}.run.lesson`) ?? null;
  const steps = scenario.steps.map((spec, index): PlanStep => {
    const line = input.stepLines[index] ?? 0;
    const bound: Bound = {
      claims: claimBindings(index, spec, input),
      values: valuesOf(index, input).map((value) => ({ field: value.path.slice(2).join("."), line: value.line, value: value.value })),
      unresolved:
        valuesOf(index, input)
          .flatMap((value) => value.review ?? [])
          .join("; ") || null,
    };
    return "run" in spec ? runStep(spec, input.facts[index] as StepFacts, line, changeOf(index), bound) : checkStep(spec, line, bound);
  });
  return {
    // Reports name files as a person would type them from here, whatever path they came in by.
    file: path.relative(process.cwd(), input.absoluteFile),
    name: scenario.name,
    lesson: { file: scenario.lesson.file, section: scenario.lesson.section, lines: scenario.lesson.lines ?? null },
    knownIssue: issue
      ? {
          line: issue.line,
          reason: issue.reason,
          expect: issue.expect.map((failure) => ({ step: failure.step ?? null, message: failure.message ?? null, engines: failure.engines ?? null })),
        }
      : null,
    waives: scenario.waives ?? [],
    lessonFiles: input.lessonFiles,
    demonstration: scenario.demonstration ?? null,
    // One per line, however many references it has (a step may run it and another cite it).
    lessonChanges: [
      ...new Map(
        input.lessonChanges.map((change) => [change.line, { line: change.line, hint: change.hint, was: change.was, now: change.now }]),
      ).values(),
    ],
    images: scenario.images,
    plugins: pluginNeeds(steps),
    publishedPorts: input.publishedPorts,
    timeoutMs: scenario.timeoutMs,
    workdir: scenario.workdir ? resolveWorkdir(input.absoluteFile, scenario.workdir) : null,
    steps,
  };
}
