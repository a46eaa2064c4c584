/**
 * Loads one scenario file: every problem in it (YAML, schema, commands, variables, lesson,
 * images) is collected in one pass and placed at its line and column. A scenario is returned
 * only when there are no problems at all.
 */
import path from "node:path";
import type { LessonSource } from "../lesson/lesson-source.js";
import { withCurrentLines } from "./current-lines.js";
import { checkLesson, type LessonCache } from "./lesson-checks.js";
import { byPosition, describeValue, formatPath, pathKey, PROBLEM_CODES, type PathProblem, type Problem } from "./problem.js";
import { isRecord, rawSteps } from "./raw-data.js";
import { SCHEMA_VERSION, scenarioSchema, type Scenario } from "./scenario-schema.js";
import type { ScenarioPlan } from "./plan.js";
import { lessonFilePlans, scenarioPlan } from "./scenario-plan.js";
import { resolveLessonValues } from "./lesson-values.js";
import { type BaselinePolicy, unboundReason } from "./record-baselines.js";
import { checkObjects } from "./object-checks.js";
import { readStepFacts, type StepFacts } from "./step-facts.js";
import { type ComposeSource, composePublishedPorts } from "./compose-files.js";
import { checkVariables } from "./variable-checks.js";
import { checkWorkdir, resolveWorkdir } from "./workdir-checks.js";
import { IMAGE_REFERENCE_EXAMPLE, isImageReference, sameImage } from "./image-reference.js";
import { checkImageReferences } from "./image-references.js";
import { checkLessonFiles } from "./lesson-file-checks.js";
import { type EnginePlugins, pluginNotes } from "./plugin-notes.js";
import { parseScenarioYaml, readScenarioText } from "./yaml-source.js";
import { issueProblems, stepKindProblems } from "./zod-problems.js";

export interface LoadOptions {
  /** Directory that `lesson.file` is relative to. */
  lessonsDir: string;
  /** Images dockproof can supply offline (others are pulled, and the scenario is skipped where none can be); null: not noted. */
  knownImages: readonly string[] | null;
  /** What a lesson without a baseline means for the scenario's claims (see record-baselines.ts); default "assume". */
  baselines?: BaselinePolicy;
  /** Engines the scenarios may run on, with the CLI plugins each carries: a step needing one an engine lacks is noted. */
  engines?: readonly EnginePlugins[] | undefined;
}

export interface LoadedScenario {
  /** The file as given. */
  file: string;
  absoluteFile: string;
  scenario: Scenario;
  /** The lesson as it is now, with the baseline its line numbers were written against. */
  lesson: LessonSource;
  /** Moved and changed lesson text the loader followed: worth telling, nothing to stop for. */
  notes: Problem[];
  /** The line each lesson reference points at now, by document path ("steps.3.run.lesson"): what `fix` writes. */
  referenceLines: ReadonlyMap<string, number>;
  /** What the runner executes and reports read. */
  plan: ScenarioPlan;
}

export interface LoadResult {
  scenario?: LoadedScenario;
  problems: Problem[];
  notes?: Problem[];
}

/** `images:` takes any image reference; one dockproof cannot substitute offline is worth a note, not a problem. */
/**
 * An image the steps name that images: lacks is the scenario's mistake, unless the lesson changed since the scenario
 * was fixed: then it is the lesson's new text (a build that tags another name, a new FROM), which runs as a learner
 * would run it — a note here, and the run shows what a learner's docker does with it.
 */
function lessonEditedImageReferences(
  found: { problems: PathProblem[]; notes?: PathProblem[] } | PathProblem[],
  changedLines: readonly number[],
): { problems: PathProblem[]; notes: PathProblem[] } {
  const { problems, notes = [] } = Array.isArray(found) ? { problems: found } : found;
  if (changedLines.length === 0) return { problems, notes };
  const since = `the lesson changed since this scenario was fixed (line ${[...new Set(changedLines)].join(", ")}): its new text runs as written`;
  return { problems: [], notes: [...notes, ...problems.map((problem) => ({ ...problem, message: `${problem.message}; ${since}` }))] };
}

function imageProblems(root: Record<string, unknown>, knownImages: readonly string[] | null): { problems: PathProblem[]; notes: PathProblem[] } {
  const images = Array.isArray(root.images) ? root.images : [];
  const problems: PathProblem[] = [];
  const notes: PathProblem[] = [];
  images.forEach((image, i) => {
    if (typeof image !== "string" || image === "") return;
    if (!isImageReference(image)) {
      const message = `expected an image reference like ${IMAGE_REFERENCE_EXAMPLE} (lowercase name, optional :tag), found ${JSON.stringify(image)}`;
      problems.push({ path: ["images", i], code: PROBLEM_CODES.image, message });
    } else if (knownImages && !knownImages.some((known) => sameImage(known, image))) {
      const message = `${JSON.stringify(image)} has no offline substitute (dockproof supplies ${knownImages.join(", ") || "none"}): it is pulled, and where no registry answers the scenario is skipped`;
      notes.push({ path: ["images", i], code: PROBLEM_CODES.image, message });
    }
  });
  return { problems, notes };
}

function stepsFolder(root: Record<string, unknown>, file: string, workdirProblems: readonly PathProblem[]): { cwd: string | null; cwdName: string } {
  if (typeof root.workdir !== "string" || root.workdir === "") {
    const folder = path.dirname(path.resolve(file));
    return { cwd: folder, cwdName: `the scenario's folder ${folder}` };
  }
  const workdir = resolveWorkdir(file, root.workdir);
  return { cwd: workdirProblems.some((p) => p.path[0] === "workdir") ? null : workdir, cwdName: `the workdir ${workdir}` };
}

/** What the compose files of `docker compose` steps publish (`ports: ["27017:27017"]`), as `-p` is. */
function composePorts(root: Record<string, unknown>, steps: readonly StepFacts[], source: ComposeSource): number[] {
  const raw = rawSteps(root);
  return composePublishedPorts(
    steps.map((facts, index) => {
      const step = raw[index];
      return { text: facts.commandText, shell: isRecord(step) && step.shell === true };
    }),
    source,
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

  const kindProblems = stepKindProblems(root);
  const badSteps = new Set(kindProblems.map((p) => p.path[1] as number));
  const lesson = await checkLesson(root, file, options.lessonsDir, lessonCache);
  // Values a step takes from the lesson are in place before the schema reads it: it checks them like any text.
  const values = resolveLessonValues(root, lesson.lines, lesson.source);
  const parsed = scenarioSchema.safeParse(values.root);
  const stepFacts = readStepFacts(root, lesson);
  // As for images: once the lesson changed since the scenario was fixed, its new text runs and execution decides.
  const lessonFiles = lesson.source ? lessonFilePlans(root, lesson.lines, lesson.source) : [];
  const images = imageProblems(root, options.knownImages);
  const workdirProblems = checkWorkdir(root, file);
  const stepsSource = {
    ...stepsFolder(root, file, workdirProblems),
    lessonFiles: new Map(lessonFiles.map((file) => [path.posix.normalize(file.path), file.text])),
  };
  const objects = lessonEditedImageReferences(
    checkObjects(root, stepFacts.steps, stepsSource, lesson.source?.lines ?? []),
    lesson.changes.map((change) => change.line),
  );
  const imageReferences = lessonEditedImageReferences(
    checkImageReferences(root, { ...stepsSource, commandTexts: stepFacts.steps.map((facts) => facts.commandText) }),
    lesson.changes.map((change) => change.line),
  );
  const pathProblems = [
    ...kindProblems,
    // A value the lesson could not give is said once: not again as the schema's "expected a string, found a mapping".
    ...(parsed.error ? issueProblems(parsed.error.issues, values.root, scenarioSchema, badSteps) : []).filter(
      (problem) => !values.problems.some((valueProblem) => pathKey(valueProblem.path) === pathKey(problem.path)),
    ),
    ...values.problems,
    ...stepFacts.problems,
    ...checkVariables(root, stepFacts.steps, (p) => yaml.locate(p).line),
    ...lesson.problems,
    ...images.problems,
    ...workdirProblems,
    ...checkLessonFiles(root),
    ...imageReferences.problems,
  ];
  // An object no step makes matters only in a file with no other problem (a line gone from the lesson cascades).
  if (pathProblems.length === 0) pathProblems.push(...objects.problems);
  const seen = new Set<string>();
  for (const problem of pathProblems.map(place)) {
    const key = `${problem.line}:${problem.col}:${problem.message}`;
    if (!seen.has(key)) problems.push(problem);
    seen.add(key);
  }
  problems.sort(byPosition);
  const plugins = pluginNotes(stepFacts.steps, options.engines ?? []);
  const notes = [...lesson.notes, ...images.notes, ...imageReferences.notes, ...objects.notes, ...plugins].map(place).sort(byPosition);
  if (problems.length > 0 || !parsed.success || !lesson.source) return { problems, notes };

  const scenario = withCurrentLines(parsed.data, lesson.lines, lesson.section);
  const absoluteFile = path.resolve(file);
  const plan = scenarioPlan({
    absoluteFile,
    scenario,
    lessonFiles,
    facts: stepFacts.steps,
    stepLines: scenario.steps.map((_, index) => yaml.locate(["steps", index]).line),
    lessonChanges: lesson.changes,
    publishedPorts: [...new Set([...stepFacts.publishedPorts, ...composePorts(root, stepFacts.steps, stepsSource)])].sort((a, b) => a - b),
    lessonLines: lesson.source.lines,
    values: values.values,
    unbound: lesson.source.baseline === null && options.baselines === "require" ? unboundReason(file, scenario.lesson.file) : null,
  });
  return {
    scenario: { file, absoluteFile, scenario, lesson: lesson.source, notes, referenceLines: lesson.lines, plan },
    problems,
    notes,
  };
}
