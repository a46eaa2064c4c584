/**
 * Checks on run steps that the schema cannot express: every command must tokenize (no shell
 * syntax), published host ports must be literal, builds and mounts stay off the host's files,
 * and background commands have no output to check.
 */
import { CommandLineError, expandCommand, parseCommandLine, type ParsedCommand, textVariables } from "../commands/command-line.js";
import { publishedHostPorts } from "../commands/docker-argv.js";
import { checkHostPaths } from "./host-path-policy.js";
import type { LessonCommand } from "./lesson-checks.js";
import { PROBLEM_CODES, type PathProblem } from "./problem.js";
import { isRecord, rawSteps, valueAt } from "./raw-data.js";

export interface RunStepFacts {
  /** Parsed command of each run step whose command is valid, by step index. */
  commands: Map<number, ParsedCommand>;
  /** Steps whose command, taken from the lesson, breaks a safety rule: why, citing the lesson line. */
  unrunnable: Map<number, string>;
  /** Captured values a shell line reads (`${name}`; ALL_CAPS names are the environment's own, like ${HOME}). */
  shellVariables: Map<number, string[]>;
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

/**
 * `lessonCommands` are the commands steps run from the lesson (`run: { lesson: N }`). The safety rules hold for them
 * exactly as for a scenario's own text; one that breaks them is not run, and the run says why citing its line (it
 * is the lesson's text, not a mistake in the scenario file).
 */
/** Host ports a shell line publishes (`-p 8080:80`, `--publish=127.0.0.1:8081:80`), read off its text. */
export function shellPublishedPorts(text: string): number[] {
  return [...text.matchAll(/(?:^|\s)(?:-p|--publish)(?:\s+|=)(?:\[[^\]]*\]:|[\d.]+:)?(\d{1,5}):\d/g)].map((match) => Number(match[1]));
}

export function checkRunSteps(root: unknown, lessonCommands: ReadonlyMap<number, LessonCommand> = new Map()): RunStepFacts {
  const facts: RunStepFacts = { commands: new Map(), unrunnable: new Map(), shellVariables: new Map(), publishedPorts: [], problems: [] };
  const ports = new Set<number>();
  rawSteps(root).forEach((step, index) => {
    if (!isRecord(step) || "check" in step) return;
    const fromLesson = lessonCommands.get(index);
    const text = fromLesson?.text ?? step.run;
    // An empty `run` is the schema's to report.
    if (typeof text !== "string" || text === "") return;
    const runPath = ["steps", index, "run"];
    if (step.shell === true) {
      // A shell line is the shell's to read; only the ports it publishes must be known before the sandbox starts.
      for (const port of shellPublishedPorts(text)) ports.add(port);
      facts.shellVariables.set(
        index,
        textVariables(text).filter((name) => name !== name.toUpperCase()),
      );
    } else
      try {
        const command = parseCommandLine(text);
        facts.commands.set(index, command);
        // Variables stand for themselves here: a `-p ${port}:80` is then reported as not literal.
        const argv = expandCommand(command, Object.fromEntries(command.variables.map((name) => [name, `\${${name}}`])));
        for (const port of publishedHostPorts(argv)) ports.add(port);
        checkHostPaths(argv);
      } catch (error) {
        if (!(error instanceof CommandLineError)) throw error;
        facts.commands.delete(index);
        if (fromLesson)
          facts.unrunnable.set(
            index,
            `lesson line ${fromLesson.line} (\`${fromLesson.text}\`) cannot run here: ${error.message} (or mark the step \`shell: true\`)`,
          );
        else facts.problems.push({ path: runPath, code: PROBLEM_CODES.command, message: error.message });
      }
    if (step.background !== true) return;
    for (const [path, label] of BACKGROUND_CONFLICTS) {
      if (valueAt(step, path) === undefined) continue;
      facts.problems.push({
        path: ["steps", index, ...path],
        atKey: true,
        code: PROBLEM_CODES.step,
        message: `expected no \`${label}\` with \`background: true\` (a background command is still running, so it has no exit code or complete output), found one`,
      });
    }
  });
  facts.publishedPorts = [...ports].sort((a, b) => a - b);
  return facts;
}
