import { relative } from "node:path";
import { checkFor } from "../checks/index.js";
import { formatProblem, loadScenarios, type CheckStep, type LoadedScenario, type LoadedStep } from "../scenario/index.js";
import { ImageCatalog } from "../images/index.js";
import { resolveWorkdir } from "../scenario/workdir-checks.js";
import type { RunnableStep } from "../scenario/runnable-step.js";
import type { ScenarioPlan } from "../scenario/scenario-plan.js";

export interface LoadPlansOptions {
  lessonsDir: string;
}

/** The check in words, with its `${variables}` still in place (they are filled in when it runs). */
const describeCheck = (step: CheckStep): string => checkFor(step.check)?.describe(step) ?? step.check;

function remarkOf(step: { finding?: string | undefined; note?: string | undefined }): RunnableStep["remark"] {
  if (step.finding) return { kind: "lesson-defect", text: step.finding.trim() };
  return step.note ? { kind: "note", text: step.note.trim() } : null;
}

function toRunnable(step: LoadedStep & { line: number }): RunnableStep {
  const cites = step.cites ?? [];
  if ("commandText" in step) {
    return {
      name: step.name ?? step.commandText,
      line: step.line,
      lessonLine: step.fromLesson?.line ?? step.quotes ?? cites[0] ?? null,
      cites,
      remark: remarkOf(step),
      setup: step.setup ?? false,
      kind: "run",
      commandText: step.commandText,
      command: step.command,
      runsLesson: step.fromLesson?.line ?? step.quotes ?? null,
      fromLesson: step.fromLesson ? { line: step.fromLesson.line, was: step.fromLesson.change?.was ?? null } : null,
      unrunnable: step.unrunnable,
      shell: step.shell,
      input: step.input ?? null,
      tty: step.tty,
      capture: step.capture ?? null,
      timeoutMs: step.timeoutMs,
      background: step.background,
      expect: step.expect,
    };
  }
  const description = describeCheck(step);
  return {
    name: step.name ?? description,
    line: step.line,
    lessonLine: cites[0] ?? null,
    cites,
    remark: remarkOf(step),
    setup: step.setup ?? false,
    kind: "check",
    spec: step,
    description,
    timeoutMs: step.timeoutMs,
    eventuallyMs: step.eventuallyMs ?? null,
  };
}

export function toPlan(loaded: LoadedScenario): ScenarioPlan {
  const { scenario, lesson } = loaded;
  const issue = scenario.knownIssue;
  return {
    // Reports name files as a person would type them from here, whatever path they came in by.
    file: relative(process.cwd(), loaded.absoluteFile),
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
    lessonFiles: (scenario.lessonFiles ?? []).map((file) => {
      const before = file.before === undefined || file.before === "" ? "" : file.before.endsWith("\n") ? file.before : `${file.before}\n`;
      return {
        path: file.path,
        lines: file.lines,
        offset: before === "" ? 0 : before.split("\n").length - 1,
        text: `${before}${lesson.lines.slice(file.lines[0] - 1, file.lines[1]).join("\n")}\n`,
      };
    }),
    demonstration: scenario.demonstration ?? null,
    // One per line, however many references it has (a step may run it and another cite it).
    lessonChanges: [
      ...new Map(
        loaded.lessonChanges.map((change) => [change.line, { line: change.line, hint: change.hint, was: change.was, now: change.now }]),
      ).values(),
    ],
    images: scenario.images,
    publishedPorts: loaded.publishedPorts,
    timeoutMs: scenario.timeoutMs,
    workdir: scenario.workdir ? resolveWorkdir(loaded.absoluteFile, scenario.workdir) : null,
    steps: loaded.steps.map(toRunnable),
  };
}

/** Validates every file first (all problems, formatted `file:line:col message`) and only then yields plans. */
export async function loadPlans(
  paths: readonly string[],
  options: LoadPlansOptions,
): Promise<{ plans: ScenarioPlan[]; problems: string[]; notes: string[] }> {
  const { scenarios, problems, notes } = await loadScenarios(paths, { lessonsDir: options.lessonsDir, knownImages: ImageCatalog.refs });
  return {
    plans: problems.length > 0 ? [] : scenarios.map(toPlan),
    problems: problems.map(formatProblem),
    notes: notes.map((note) => `${formatProblem(note)} (note)`),
  };
}
