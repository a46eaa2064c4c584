/**
 * What a draft needs to know of a lesson command: the `${name}`s its `<placeholder>`s become, whether dockproof can
 * run it at all (the loader's safety rules), the image and name a `docker run` gives, the tags a `docker build`
 * gives, and whether it stays in the foreground (a `docker run` without -d, a `compose up` without -d).
 */
import { CommandLineError, expandCommand, parseCommandLine } from "../commands/command-line.js";
import { BUILD_OPTIONS, commandPrefix, publishedHostPorts, RUN_OPTIONS, walkOptions } from "../commands/docker-argv.js";
import { lessonCommand } from "../scenario/lesson-checks.js";
import { commandsOf } from "../commands/command-segments.js";
import { textVariables } from "../commands/variables.js";
import { checkHostPaths, checkShellHostPaths } from "../scenario/host-path-policy.js";

export interface CommandFacts {
  line: number;
  /** As a `run: { lesson: N }` step runs it: `<container_id>` written `${container_id}`. */
  text: string;
  /** The `${name}`s it uses, in order; each needs an earlier capture. */
  variables: string[];
  /** Why the loader will not run it (it breaks a safety rule); undefined when it runs. */
  unrunnable?: string;
  /** It needs a shell (a redirection, a pipe, `$HOME`): it runs as typed with `shell: true`; what it is, in words. */
  shell?: string;
  /** A `docker run`: its image, its --name, and whether it returns (-d) or stays in the foreground. */
  run?: { image?: string; name?: string; detached: boolean };
  /** A `docker compose up` without -d: it stays in the foreground too. */
  foreground: boolean;
  /** The tags a `docker build` gives; undefined for any other command. */
  builds?: string[];
}

const RUN = [
  ["docker", "run"],
  ["docker", "container", "run"],
];
const BUILD = [
  ["docker", "build"],
  ["docker", "image", "build"],
  ["docker", "buildx", "build"],
];
// `-d` takes no value, so the shared walk never reports it; walked as if it took one, it is reported exactly when
// it comes before the cluster's first value-taking flag, as docker reads `-dp 80:80` (and `-pd` is not detached).
const DETACH_SPEC = { short: new Set([...RUN_OPTIONS.short, "d"]), long: RUN_OPTIONS.long };

function runFacts(argv: readonly string[], start: number): NonNullable<CommandFacts["run"]> {
  const facts: NonNullable<CommandFacts["run"]> = { detached: false };
  const positionals = walkOptions(
    argv,
    start,
    RUN_OPTIONS,
    (option, value) => {
      if (option === "name" && value !== undefined) facts.name = value;
      if (option === "detach" && (value === undefined || value === "true")) facts.detached = true;
    },
    false,
  );
  walkOptions(
    argv,
    start,
    DETACH_SPEC,
    (option) => {
      if (option === "d") facts.detached = true;
    },
    true,
  );
  if (positionals[0] !== undefined) facts.image = positionals[0];
  return facts;
}

/**
 * A line that needs a shell, as the loader reads one: its docker command (the first of its commands that is one)
 * for what it runs, builds or leaves in the foreground, and its `${name}`s (captured values, read from the
 * environment); a literal host path is refused there too.
 */
function shellFacts(facts: CommandFacts, why: string): CommandFacts {
  try {
    checkShellHostPaths(facts.text);
  } catch (error) {
    if (!(error instanceof CommandLineError)) throw error;
    return { ...facts, variables: [], unrunnable: error.message };
  }
  const variables = textVariables(facts.text).filter((name) => name !== name.toUpperCase());
  const docker = commandsOf(facts.text, true).find((argv) => argv[0] === "docker" || argv[0] === "docker-compose");
  return { ...(docker ? argvFacts({ ...facts, variables }, docker) : { ...facts, variables }), shell: why };
}

export function commandFacts(line: number, lessonText: string): CommandFacts {
  const text = lessonCommand(lessonText);
  const facts: CommandFacts = { line, text, variables: [], foreground: false };
  let argv: string[];
  try {
    const parsed = parseCommandLine(text);
    facts.variables = parsed.variables;
    argv = expandCommand(parsed, Object.fromEntries(parsed.variables.map((name) => [name, `\${${name}}`])));
    publishedHostPorts(argv);
    checkHostPaths(argv);
  } catch (error) {
    if (!(error instanceof CommandLineError)) throw error;
    // A learner types it into a shell: run there, it is the lesson's line as written.
    if (error.shellSyntax) return shellFacts(facts, error.message);
    return { ...facts, variables: [], unrunnable: error.message };
  }
  return argvFacts(facts, argv);
}

/** What a docker command runs (image, name, detached), builds (tags) or leaves in the foreground. */
function argvFacts(input: CommandFacts, argv: readonly string[]): CommandFacts {
  const facts = { ...input };
  const run = commandPrefix(argv, RUN);
  if (run) facts.run = runFacts(argv, run.length);
  const build = commandPrefix(argv, BUILD);
  if (build) {
    const tags: string[] = [];
    const onTag = (option: string, value: string | undefined) => {
      if ((option === "t" || option === "tag") && value) tags.push(value);
    };
    walkOptions(argv, build.length, BUILD_OPTIONS, onTag, false);
    facts.builds = tags;
  }
  const compose = commandPrefix(argv, [["docker", "compose"], ["docker-compose"]]);
  if (compose && argv.includes("up")) facts.foreground = !argv.some((arg) => arg === "--detach" || /^-[a-z]*d[a-z]*$/.test(arg));
  if (facts.run && !facts.run.detached) facts.foreground = true;
  return facts;
}
