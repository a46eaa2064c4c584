/**
 * Which commands used a file a scenario wrote from the lesson's lines (a compose file, an app's source, a config):
 * a `docker build` whose context holds it, a compose command that reads it as its compose file, or a command that
 * names its path (or, written as a path, a folder holding it). Such a file's lines are proved by the steps that
 * used it and by nothing else: a file no step used was never tried.
 */
import path from "node:path";
import { commandsOf } from "./command-segments.js";
import { composeInvocation } from "./compose-argv.js";
import { COMPOSE_FILE_NAMES } from "./compose-file.js";
import { buildInvocation } from "./docker-argv.js";

/** A path as a command writes it, relative to the working folder: "./site/" and "${PWD}/site" are "site". */
function relative(written: string): string {
  const inFolder = written.replace(/^\$\{?PWD\}?\//, "");
  return path.posix.normalize(inFolder).replace(/(.)\/+$/, "$1");
}

const holds = (folder: string, file: string): boolean => folder === "." || file === folder || file.startsWith(`${folder}/`);

/** The simple commands of a command line, each as its words: a shell line is cut at its operators, and `sh -c TEXT` read inside. */
function simpleCommands(text: string): string[][] {
  return commandsOf(text, true).flatMap((words) =>
    /^(?:ba|da)?sh$/.test(words[0] ?? "") && words[1] === "-c" && words[2] ? [words, ...simpleCommands(words[2])] : [words],
  );
}

/** The compose files a `docker compose …`/`docker-compose …` argv reads (its -f files, else compose's own names); null for any other command. */
function composeFiles(argv: readonly string[]): string[] | null {
  const invocation = composeInvocation(argv);
  if (!invocation) return null;
  if (invocation.files.length > 0) return invocation.files;
  return COMPOSE_FILE_NAMES.map((name) => path.posix.join(invocation.projectDirectory ?? ".", name));
}

/** The files a build reads by name: its Dockerfile and the context's `.dockerignore` (or the Dockerfile's own). */
function buildReads(build: { context: string; dockerfile: string | null }): string[] {
  const dockerfile = relative(build.dockerfile ?? path.posix.join(build.context, "Dockerfile"));
  return [dockerfile, relative(path.posix.join(build.context, ".dockerignore")), `${dockerfile}.dockerignore`];
}

function argvUses(argv: readonly string[], file: string, context: FileUse): boolean {
  const build = buildInvocation(argv);
  if (build && (context === "context" ? holds(relative(build.context), file) : buildReads(build).includes(file))) return true;
  if (composeFiles(argv)?.some((composeFile) => relative(composeFile) === file)) return true;
  // A bind mount or an option's value names its path after ":" or "=" (`-v ./site:/usr/share/nginx/html`).
  return argv
    .flatMap((word) => word.split(/[:=]/))
    .some((part) => {
      const named = relative(part);
      return named === file || (part.includes("/") && named !== "." && holds(named, file));
    });
}

/**
 * How a build uses a file: "context", any file its context holds (a `COPY . .` may take it); "read", only the files
 * it reads by name (its Dockerfile, `.dockerignore`): what a learner must have written for the build to be the lesson's.
 */
export type FileUse = "context" | "read";

/** Whether the command line `command` (as run, in the scenario's working folder) used the lesson file at `file`. */
export function commandUsesFile(command: string, file: string, use: FileUse = "context"): boolean {
  const target = relative(file);
  return simpleCommands(command).some((argv) => argvUses(argv, target, use));
}
