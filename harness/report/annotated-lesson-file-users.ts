/**
 * Which commands used a file a scenario wrote from the lesson's lines (a compose file, an app's source, a config):
 * a `docker build` whose context holds it, a compose command that reads it as its compose file, or a command that
 * names its path (or, written as a path, a folder holding it). Such a file's lines are proved by the steps that
 * used it and by nothing else: a file no step used was never tried.
 */
import path from "node:path";
import { parse } from "shell-quote";
import { buildInvocation } from "../commands/docker-argv.js";

/** The names compose looks for when no -f is given. */
const COMPOSE_DEFAULTS = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"];
/** Compose's global options that take a value (the words before its subcommand). */
const COMPOSE_VALUE_OPTIONS = new Set([
  "-f",
  "--file",
  "-p",
  "--project-name",
  "--project-directory",
  "--env-file",
  "--profile",
  "--ansi",
  "--progress",
  "--parallel",
]);

/** A path as a command writes it, relative to the working folder: "./site/" and "${PWD}/site" are "site". */
function relative(written: string): string {
  const inFolder = written.replace(/^\$\{?PWD\}?\//, "");
  return path.posix.normalize(inFolder).replace(/(.)\/+$/, "$1");
}

const holds = (folder: string, file: string): boolean => folder === "." || file === folder || file.startsWith(`${folder}/`);

/** The simple commands of a command line, each as its words: a shell line is cut at its operators, and `sh -c TEXT` read inside. */
function simpleCommands(text: string): string[][] {
  const commands: string[][] = [[]];
  for (const entry of parse(text, (name) => `\${${name}}`)) {
    const current = commands.at(-1) as string[];
    if (typeof entry === "string") current.push(entry);
    else if ("pattern" in entry) current.push(entry.pattern);
    else if (!("comment" in entry)) commands.push([]);
  }
  return commands
    .filter((words) => words.length > 0)
    .flatMap((words) => (/^(?:ba|da)?sh$/.test(words[0] ?? "") && words[1] === "-c" && words[2] ? [words, ...simpleCommands(words[2])] : [words]));
}

/** The compose files a `docker compose …`/`docker-compose …` argv reads; null for any other command. */
function composeFiles(argv: readonly string[]): string[] | null {
  const rest = argv[0] === "docker-compose" ? argv.slice(1) : argv[0] === "docker" && argv[1] === "compose" ? argv.slice(2) : null;
  if (rest === null) return null;
  const files: string[] = [];
  // Only the options before the subcommand are compose's own (`logs -f` follows, it names no file).
  for (let index = 0; index < rest.length && rest[index]?.startsWith("-"); index++) {
    const word = rest[index] as string;
    const [name, attached] = word.startsWith("--") ? word.split(/=(.*)/s) : [word.slice(0, 2), word.slice(2) || undefined];
    const value = attached ?? (COMPOSE_VALUE_OPTIONS.has(name ?? "") ? rest[++index] : undefined);
    if ((name === "-f" || name === "--file") && value !== undefined) files.push(value);
  }
  return files.length > 0 ? files : COMPOSE_DEFAULTS;
}

function argvUses(argv: readonly string[], file: string): boolean {
  const build = buildInvocation(argv);
  if (build && holds(relative(build.context), file)) return true;
  if (composeFiles(argv)?.some((composeFile) => relative(composeFile) === file)) return true;
  // A bind mount or an option's value names its path after ":" or "=" (`-v ./site:/usr/share/nginx/html`).
  return argv
    .flatMap((word) => word.split(/[:=]/))
    .some((part) => {
      const named = relative(part);
      return named === file || (part.includes("/") && named !== "." && holds(named, file));
    });
}

/** Whether the command line `command` (as run, in the scenario's working folder) used the lesson file at `file`. */
export function commandUsesFile(command: string, file: string): boolean {
  const target = relative(file);
  return simpleCommands(command).some((argv) => argvUses(argv, target));
}
