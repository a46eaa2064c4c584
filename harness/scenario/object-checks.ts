/**
 * A scenario's sandbox starts empty: a step that acts on a container, volume, network or compose project by name
 * (`docker rm -f web`, `docker logs backend`, `docker compose down`) that no earlier step makes acts on nothing, and
 * `docker rm -f` of nothing still exits 0 — a pass that proves nothing. So it is a problem at load, or a note when
 * the scenario declares the object `given:` (it comes from outside the scenario). After a shell step, whose command
 * dockproof does not read, what exists cannot be told, and nothing is said.
 */
import path from "node:path";
import { expandCommand, parseCommandLine } from "../commands/command-line.js";
import { commandLines } from "../lesson/lesson-markup.js";
import { composeInvocation, composeProjectName } from "../commands/compose-argv.js";
import { type DockerObject, dockerObjects } from "../commands/docker-objects.js";
import { type ComposeSource, composeFilesOf } from "./compose-files.js";
import { PROBLEM_CODES, type PathProblem } from "./problem.js";
import { isRecord, rawSteps, valueAt } from "./raw-data.js";
import type { StepFacts } from "./step-facts.js";

const GIVEN_KEYS: Record<DockerObject["kind"], string> = {
  container: "containers",
  volume: "volumes",
  network: "networks",
  "compose project": "composeProjects",
};

const key = (object: DockerObject) => `${object.kind}:${object.name}`;

function givenObjects(root: unknown): Set<string> {
  const given = new Set<string>();
  for (const [kind, field] of Object.entries(GIVEN_KEYS) as Array<[DockerObject["kind"], string]>) {
    const names = valueAt(root, ["given", field]);
    if (Array.isArray(names)) for (const name of names) if (typeof name === "string") given.add(key({ kind, name }));
  }
  return given;
}

/**
 * What a `docker compose up|create|run` makes: containers `<project>-<service>-N` (or their container_name), networks
 * and volumes `<project>_<name>`, told by the project's prefixes. Null when loading cannot know the project's name.
 */
function composeMade(argv: readonly string[], source: ComposeSource | null): { prefixes: string[]; names: string[] } | null | undefined {
  const invocation = composeInvocation(argv);
  if (!invocation || !["up", "create", "run"].includes(invocation.subcommand ?? "")) return undefined;
  const folder = invocation.projectDirectory ?? (source?.cwd ? path.basename(source.cwd) : null);
  const project = invocation.projectName ?? (folder === null ? null : composeProjectName(path.basename(folder)));
  if (project === null || project.includes("$")) return null;
  const names = source
    ? composeFilesOf(argv, source).uses.flatMap((use) => use.compose.services.flatMap((service) => service.containerName ?? []))
    : [];
  return { prefixes: [`${project}-`, `${project}_`], names };
}

/**
 * The objects the lesson's own command lines make before `line`, by key: a lesson command acting on one the lesson
 * never made is the lesson's to answer for (the run decides), not the scenario's omission.
 */
function lessonMakes(lessonLines: readonly string[], line: number, source: ComposeSource | null): Set<string> {
  const made = new Set<string>();
  for (const command of commandLines(lessonLines).filter((entry) => entry.line < line)) {
    try {
      const parsed = parseCommandLine(command.text);
      const argv = expandCommand(parsed, Object.fromEntries(parsed.variables.map((name) => [name, `\${${name}}`])));
      for (const object of dockerObjects(argv).creates) made.add(key(object));
      const composed = composeMade(argv, source);
      if (composed) for (const prefix of composed.prefixes) made.add(`prefix:${prefix}`);
    } catch {
      // A line that is no command dockproof can parse makes nothing it can name.
    }
  }
  return made;
}

export function checkObjects(
  root: unknown,
  facts: readonly StepFacts[],
  source: ComposeSource | null = null,
  lessonLines: readonly string[] = [],
): { problems: PathProblem[]; notes: PathProblem[] } {
  const problems: PathProblem[] = [];
  const notes: PathProblem[] = [];
  const given = givenObjects(root);
  const made = new Set<string>();
  const madePrefixes: string[] = [];
  let unread = false;
  rawSteps(root).forEach((step, index) => {
    if (!isRecord(step) || unread) return;
    if (step.shell === true) {
      unread = true;
      return;
    }
    const command = facts[index]?.command;
    if (!command) return;
    const argv = expandCommand(command, Object.fromEntries(command.variables.map((name) => [name, `\${${name}}`])));
    const { creates, uses } = dockerObjects(argv);
    for (const object of uses) {
      if (made.has(key(object)) || madePrefixes.some((prefix) => object.name.startsWith(prefix))) continue;
      const what = `\`${argv.slice(0, 3).join(" ")}…\` acts on ${object.kind} ${object.name}`;
      const lessonLine = facts[index]?.lessonCommand?.line;
      // Only for what docker refuses when it is not there (a container, volume or network): `compose down` of no
      // project exits 0 silently, and would pass acting on nothing.
      const byLesson = lessonLine === undefined || object.kind === "compose project" ? null : lessonMakes(lessonLines, lessonLine, source);
      if (
        byLesson &&
        !byLesson.has(key(object)) &&
        ![...byLesson].some((made) => made.startsWith("prefix:") && object.name.startsWith(made.slice(7)))
      )
        notes.push({
          path: ["steps", index, "run"],
          code: PROBLEM_CODES.step,
          message: `${what}, which neither this scenario nor the lesson before line ${lessonLine} makes: the run decides, and a failure is the lesson's`,
        });
      else if (given.has(key(object)))
        notes.push({
          path: ["steps", index, "run"],
          code: PROBLEM_CODES.step,
          message: `${what}, which the scenario says is given (it does not make it)`,
        });
      else
        problems.push({
          path: ["steps", index, "run"],
          code: PROBLEM_CODES.step,
          message: `${what}, which no earlier step of this scenario makes: its sandbox starts empty, so the step would act on nothing. Make it in an earlier step, or declare it under \`given.${GIVEN_KEYS[object.kind]}\``,
        });
    }
    for (const object of creates) made.add(key(object));
    const composed = composeMade(argv, source);
    // A project whose name loading cannot know makes objects it cannot name: what follows cannot be told either.
    if (composed === null) unread = true;
    else if (composed) {
      madePrefixes.push(...composed.prefixes);
      for (const name of composed.names) made.add(key({ kind: "container", name }));
    }
  });
  return { problems, notes };
}
