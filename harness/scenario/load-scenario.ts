/**
 * Loads one scenario file: every problem in it (YAML, schema, commands, variables, lesson,
 * images) is collected in one pass and placed at its line and column. A scenario is returned
 * only when there are no problems at all.
 */
import path from "node:path";
import type { ParsedCommand } from "../commands/command-line.js";
import type { LessonSource } from "../lesson/lesson-source.js";
import { withCurrentLines } from "./current-lines.js";
import { checkLesson, type LessonCache } from "./lesson-checks.js";
import type { LessonChange } from "./lesson-references.js";
import { byPosition, describeValue, formatPath, PROBLEM_CODES, type PathProblem, type Problem } from "./problem.js";
import { isRecord } from "./raw-data.js";
import { checkRunSteps } from "./run-step-checks.js";
import { SCHEMA_VERSION, scenarioSchema, type Scenario } from "./scenario-schema.js";
import type { CheckStep, RunStep } from "./step-schema.js";
import { checkVariables } from "./variable-checks.js";
import { checkWorkdir } from "./workdir-checks.js";
import { checkLessonFiles } from "./lesson-file-checks.js";
import { parseScenarioYaml, readScenarioText } from "./yaml-source.js";
import { issueProblems, stepKindProblems } from "./zod-problems.js";

export interface LoadOptions {
  /** Directory that `lesson.file` is relative to. */
  lessonsDir: string;
  /** Image references scenarios may use (what the image helper can provide). */
  knownImages: readonly string[];
}

/** A run step as loaded: the command text it runs (its own, or its lesson line's now) and how it was read. */
export type LoadedRunStep = RunStep & {
  commandText: string;
  /** Null when the step cannot run here (see `unrunnable`). */
  command: ParsedCommand | null;
  /** For `run: { lesson: N }`: the line it runs now, and how that line changed since the scenario was fixed. */
  fromLesson: { line: number; change: LessonChange | null } | null;
  /** Why the lesson's command is not run (it breaks a safety rule), citing its line; null when it runs. */
  unrunnable: string | null;
};

export type LoadedStep = LoadedRunStep | CheckStep;

export interface LoadedScenario {
  /** The file as given. */
  file: string;
  absoluteFile: string;
  scenario: Scenario;
  /** The lesson as it is now, with the baseline its line numbers were written against. */
  lesson: LessonSource;
  /** Lesson lines whose text changed since the scenario was fixed (the run reports them). */
  lessonChanges: LessonChange[];
  /** Moved and changed lesson text the loader followed: worth telling, nothing to stop for. */
  notes: Problem[];
  /** The line each lesson reference points at now, by document path ("steps.3.run.lesson"): what `fix` writes. */
  referenceLines: ReadonlyMap<string, number>;
  /** Host ports any run step publishes, sorted. */
  publishedPorts: number[];
  /** The scenario's steps with parsed commands and their line in the scenario file. */
  steps: Array<LoadedStep & { line: number }>;
}

export interface LoadResult {
  scenario?: LoadedScenario;
  problems: Problem[];
  notes?: Problem[];
}

function imageProblems(root: Record<string, unknown>, knownImages: readonly string[]): PathProblem[] {
  const images = Array.isArray(root.images) ? root.images : [];
  return images.flatMap((image, i) =>
    typeof image === "string" && image !== "" && !knownImages.includes(image)
      ? [
          {
            path: ["images", i],
            code: PROBLEM_CODES.image,
            message: `expected a known image (${knownImages.join(", ") || "none configured"}), found ${JSON.stringify(image)}`,
          },
        ]
      : [],
  );
}

export async function loadScenarioFile(file: string, options: LoadOptions, lessonCache?: LessonCache): Promise<LoadResult> {
  const problems: Problem[] = [];
  const source = await readScenarioText(file);
  if ("problem" in source) return { problems: [{ file, ...source.problem }] };

  const yaml = parseScenarioYaml(source.text);
  const place = (p: PathProblem): Problem => ({
    file,
    ...yaml.locate(p.path, p.atKey),
    code: p.code,
    message: p.path.length ? `${formatPath(p.path)}: ${p.message}` : p.message,
  });
  problems.push(...yaml.problems.map((p) => ({ file, ...p })));
  const root = yaml.data;
  if (root === undefined) return { problems };
  if (!isRecord(root)) {
    return {
      problems: [
        ...problems,
        place({
          path: [],
          code: PROBLEM_CODES.schema,
          message: `expected a mapping with schemaVersion: ${SCHEMA_VERSION}, found ${describeValue(root)}`,
        }),
      ],
    };
  }
  // A file for another schema version would drown in issues that are not mistakes there.
  if ("schemaVersion" in root && root.schemaVersion !== SCHEMA_VERSION) {
    const message = `expected ${SCHEMA_VERSION} (the only version this dockproof reads), found ${describeValue(root.schemaVersion)}`;
    return { problems: [...problems, place({ path: ["schemaVersion"], code: PROBLEM_CODES.schemaVersion, message })] };
  }

  const parsed = scenarioSchema.safeParse(root);
  const kindProblems = stepKindProblems(root);
  const badSteps = new Set(kindProblems.map((p) => p.path[1] as number));
  const lesson = await checkLesson(root, file, options.lessonsDir, lessonCache);
  const runFacts = checkRunSteps(root, lesson.commands);
  const pathProblems = [
    ...kindProblems,
    ...(parsed.error ? issueProblems(parsed.error.issues, root, scenarioSchema, badSteps) : []),
    ...runFacts.problems,
    ...checkVariables(root, runFacts.commands, (p) => yaml.locate(p).line, runFacts.shellVariables),
    ...lesson.problems,
    ...imageProblems(root, options.knownImages),
    ...checkWorkdir(root, file),
    ...checkLessonFiles(root),
  ];
  const seen = new Set<string>();
  for (const problem of pathProblems.map(place)) {
    const key = `${problem.line}:${problem.col}:${problem.message}`;
    if (!seen.has(key)) problems.push(problem);
    seen.add(key);
  }
  problems.sort(byPosition);
  const notes = lesson.notes.map(place).sort(byPosition);
  if (problems.length > 0 || !parsed.success || !lesson.source) return { problems, notes };

  const scenario = withCurrentLines(parsed.data, lesson.lines, lesson.section);
  const changeAt = (index: number) => lesson.changes.find((change) => change.path.join(".") === `steps.${index}.run.lesson`) ?? null;
  const steps = scenario.steps.map((step, index): LoadedStep & { line: number } => {
    const line = yaml.locate(["steps", index]).line;
    if (!("run" in step)) return { ...step, line };
    const fromLesson = lesson.commands.get(index);
    const commandText = fromLesson?.text ?? (typeof step.run === "string" ? step.run : "");
    return {
      ...step,
      line,
      commandText,
      command: runFacts.commands.get(index) ?? null,
      fromLesson: fromLesson ? { line: fromLesson.line, change: changeAt(index) } : null,
      unrunnable: runFacts.unrunnable.get(index) ?? null,
    };
  });
  return {
    scenario: {
      file,
      absoluteFile: path.resolve(file),
      scenario,
      lesson: lesson.source,
      lessonChanges: lesson.changes,
      notes,
      referenceLines: lesson.lines,
      publishedPorts: runFacts.publishedPorts,
      steps,
    },
    problems,
    notes,
  };
}
