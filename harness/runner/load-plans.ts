import { relative } from "node:path";
import { checkFor } from "../checks/index.js";
import { formatProblem, loadScenarios, type CheckStep, type LoadedScenario, type LoadedStep } from "../scenario/index.js";
import { ImageCatalog } from "../images/index.js";
import { resolveWorkdir } from "../scenario/workdir-checks.js";
import type { RunnableStep } from "./runnable-step.js";
import type { ScenarioPlan } from "./scenario-plan.js";

export interface LoadPlansOptions {
  lessonsDir: string;
}

/** The check in words, with its `${variables}` still in place (they are filled in when it runs). */
const describeCheck = (step: CheckStep): string => checkFor(step.check)?.describe(step) ?? step.check;

function toRunnable(step: LoadedStep & { line: number }): RunnableStep {
  const base = {
    name: step.name ?? ("command" in step ? step.run : describeCheck(step)),
    line: step.line,
    lessonLine: ("quotes" in step ? step.quotes : undefined) ?? step.cites?.[0] ?? null,
    finding: step.finding?.trim() ?? null,
  };
  if ("command" in step) {
    return {
      ...base,
      kind: "run",
      commandText: step.run,
      command: step.command,
      capture: step.capture ?? null,
      timeoutMs: step.timeoutMs,
      background: step.background,
      expect: step.expect,
      dockerfileLessonLine: step.dockerfileLessonLine ?? null,
    };
  }
  return { ...base, kind: "check", spec: step, description: describeCheck(step), timeoutMs: step.timeoutMs, eventuallyMs: step.eventuallyMs ?? null };
}

export function toPlan(loaded: LoadedScenario): ScenarioPlan {
  const { scenario } = loaded;
  return {
    // Reports name files as a person would type them from here, whatever path they came in by.
    file: relative(process.cwd(), loaded.absoluteFile),
    name: scenario.name,
    lesson: { file: scenario.lesson.file, section: scenario.lesson.section, lines: scenario.lesson.lines ?? null },
    knownIssue: scenario.knownIssue ?? null,
    images: scenario.images,
    publishedPorts: loaded.publishedPorts,
    timeoutMs: scenario.timeoutMs,
    workdir: scenario.workdir ? resolveWorkdir(loaded.absoluteFile, scenario.workdir) : null,
    steps: loaded.steps.map(toRunnable),
  };
}

/** Validates every file first (all problems, formatted `file:line:col message`) and only then yields plans. */
export async function loadPlans(paths: readonly string[], options: LoadPlansOptions): Promise<{ plans: ScenarioPlan[]; problems: string[] }> {
  const { scenarios, problems } = await loadScenarios(paths, { lessonsDir: options.lessonsDir, knownImages: ImageCatalog.refs });
  return { plans: problems.length > 0 ? [] : scenarios.map(toPlan), problems: problems.map(formatProblem) };
}
