/**
 * What loading learns about each step beyond its schema, in one record per step: the command a run step runs (its
 * own text, or its lesson line's now), parsed; why the lesson's command cannot run here; the captured values a
 * shell line reads. With it come the checks on run steps that the schema cannot express: every command must
 * tokenize (no shell syntax), published host ports must be literal, builds and mounts stay off the host's files,
 * and background commands have no output to check.
 */
import { CommandLineError, expandCommand, parseCommandLine, type ParsedCommand } from "../commands/command-line.js";
import { type CliPlugin, pluginNeeded } from "../commands/cli-plugins.js";
import { commandsOf } from "../commands/command-segments.js";
import { textVariables } from "../commands/variables.js";
import { publishedHostPorts } from "../commands/docker-argv.js";
import { checkHostPaths, checkShellHostPaths } from "./host-path-policy.js";
import { type LessonCommand, lessonCommandOfStep, type LessonFacts } from "./lesson-checks.js";
import { PROBLEM_CODES, type PathProblem } from "./problem.js";
import { isRecord, rawSteps, valueAt } from "./raw-data.js";

/** One step, as loading read it. Check steps have no command: every field is null or empty. */
export interface StepFacts {
  /** The text a run step runs: the command of its lesson line now (`run: { lesson: N }`), or its own. */
  commandText: string | null;
  /** For `run: { lesson: N }`: the line it runs now and the text there. */
  lessonCommand: LessonCommand | null;
  /** Parsed, when it is a valid command run without a shell. */
  command: ParsedCommand | null;
  /** The lesson's command breaks a safety rule: why, citing its line (the step is not run; its claim is unverified). */
  unrunnable: string | null;
  /** Captured values a shell line reads (`${name}`; ALL_CAPS names are the environment's own, like ${HOME}). */
  shellVariables: string[];
  /** CLI plugins its commands need (`docker compose` needs compose): an engine without one cannot run the step. */
  plugins: CliPlugin[];
}

export interface StepsFacts {
  /** One per step of the file, in order. */
  steps: StepFacts[];
  /** Host ports published by any run step, sorted, without duplicates. */
  publishedPorts: number[];
  problems: PathProblem[];
}

const BACKGROUND_CONFLICTS: Array<[string[], string]> = [
  [["capture"], "capture"],
  [["input"], "input"],
  [["expect", "exitCode"], "expect.exitCode"],
  [["expect", "stdout"], "expect.stdout"],
  [["expect", "stderr"], "expect.stderr"],
];

/** What an interrupted step cannot also have: the learner's keyboard is Ctrl+C's, and the terminal merges the streams. */
const INTERRUPT_CONFLICTS: Array<[string[], string, string]> = [
  [["background"], "background: true", "Ctrl+C is pressed in the foreground terminal"],
  [["input"], "input", "the keyboard is kept for Ctrl+C"],
  [["expect", "stderr"], "expect.stderr", "a terminal shows stdout and stderr as one: use expect.stdout"],
];

/** Host ports a shell line publishes (`-p 8080:80`, `--publish=127.0.0.1:8081:80`), read off its text. */
export function shellPublishedPorts(text: string): number[] {
  return [...text.matchAll(/(?:^|\s)(?:-p|--publish)(?:\s+|=)(?:\[[^\]]*\]:|[\d.]+:)?(\d{1,5}):\d/g)].map((match) => Number(match[1]));
}

const NO_FACTS: StepFacts = { commandText: null, lessonCommand: null, command: null, unrunnable: null, shellVariables: [], plugins: [] };

/** The plugins a step's commands need, each once, in the order they are used. */
const pluginsOf = (text: string, shell: boolean): CliPlugin[] => [...new Set(commandsOf(text, shell).flatMap((argv) => pluginNeeded(argv) ?? []))];

/**
 * The safety rules hold for commands taken from the lesson exactly as for a scenario's own text; one that breaks them
 * is not run, and the run says why citing its line (it is the lesson's text, not a mistake in the scenario file).
 */
function runStepFacts(step: Record<string, unknown>, index: number, lesson: LessonFacts, ports: Set<number>, problems: PathProblem[]): StepFacts {
  const lessonCommand = lessonCommandOfStep(lesson, index);
  const text = lessonCommand?.text ?? step.run;
  // An empty `run` is the schema's to report.
  if (typeof text !== "string" || text === "") return NO_FACTS;
  const facts: StepFacts = { ...NO_FACTS, commandText: text, lessonCommand, plugins: pluginsOf(text, step.shell === true) };
  if (step.shell === true) {
    // A shell line is the shell's to read; only the ports it publishes must be known before the sandbox starts, and
    // a literal host path it mounts is refused as on a line run without a shell.
    for (const port of shellPublishedPorts(text)) ports.add(port);
    facts.shellVariables = textVariables(text).filter((name) => name !== name.toUpperCase());
    try {
      checkShellHostPaths(text);
    } catch (error) {
      if (!(error instanceof CommandLineError)) throw error;
      if (lessonCommand) facts.unrunnable = `lesson line ${lessonCommand.line} (\`${lessonCommand.text}\`) cannot run here: ${error.message}`;
      else problems.push({ path: ["steps", index, "run"], code: PROBLEM_CODES.command, message: error.message });
    }
    return facts;
  }
  try {
    const command = parseCommandLine(text);
    // Variables stand for themselves here: a `-p ${port}:80` is then reported as not literal.
    const argv = expandCommand(command, Object.fromEntries(command.variables.map((name) => [name, `\${${name}}`])));
    for (const port of publishedHostPorts(argv)) ports.add(port);
    checkHostPaths(argv);
    facts.command = command;
  } catch (error) {
    if (!(error instanceof CommandLineError)) throw error;
    if (lessonCommand)
      facts.unrunnable = `lesson line ${lessonCommand.line} (\`${lessonCommand.text}\`) cannot run here: ${error.message} (or mark the step \`shell: true\`)`;
    else problems.push({ path: ["steps", index, "run"], code: PROBLEM_CODES.command, message: error.message });
  }
  return facts;
}

export function readStepFacts(root: unknown, lesson: LessonFacts): StepsFacts {
  const problems: PathProblem[] = [];
  const ports = new Set<number>();
  const steps = rawSteps(root).map((step, index): StepFacts => {
    if (!isRecord(step) || "check" in step) return NO_FACTS;
    const facts = runStepFacts(step, index, lesson, ports, problems);
    if (step.background === true)
      for (const [path, label] of BACKGROUND_CONFLICTS) {
        if (valueAt(step, path) === undefined) continue;
        problems.push({
          path: ["steps", index, ...path],
          atKey: true,
          code: PROBLEM_CODES.step,
          message: `expected no \`${label}\` with \`background: true\` (a background command is still running, so it has no exit code or complete output), found one`,
        });
      }
    if (isRecord(step.interrupt))
      for (const [path, label, why] of INTERRUPT_CONFLICTS) {
        if (valueAt(step, path) === undefined || (path[0] === "background" && step.background !== true)) continue;
        problems.push({
          path: ["steps", index, ...path],
          atKey: true,
          code: PROBLEM_CODES.step,
          message: `expected no \`${label}\` with \`interrupt\` (${why}), found one`,
        });
      }
    return facts;
  });
  return { steps, publishedPorts: [...ports].sort((a, b) => a - b), problems };
}
