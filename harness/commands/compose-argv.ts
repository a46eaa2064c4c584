/**
 * `docker compose …` (and the standalone `docker-compose …`) read as compose reads its own options: which files it
 * loads (`-f`, else the first of compose.yaml … docker-compose.yml in the project folder) and which subcommand runs.
 */
import { pluginNeeded } from "./cli-plugins.js";

/** compose's global options that take a value. */
const VALUE_OPTIONS = new Set([
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

export interface ComposeInvocation {
  /** The files named with `-f`, in order; empty: compose finds one of COMPOSE_FILE_NAMES itself. */
  files: string[];
  /** `--project-directory`, where relative paths and the default file are read; null: the working folder. */
  projectDirectory: string | null;
  /** `-p`: the project name; null: compose names the project after the project folder. */
  projectName: string | null;
  /** `up`, `ps`, `down`…; null when none is given. */
  subcommand: string | null;
}

/** For a compose argv, what it reads; null for any other command. */
export function composeInvocation(argv: readonly string[]): ComposeInvocation | null {
  if (pluginNeeded(argv) !== "compose") return null;
  const start = argv.indexOf("compose") !== -1 && argv[0]?.split("/").at(-1) === "docker" ? argv.indexOf("compose") + 1 : 1;
  const invocation: ComposeInvocation = { files: [], projectDirectory: null, projectName: null, subcommand: null };
  for (let index = start; index < argv.length; index++) {
    const arg = argv[index] as string;
    if (!arg.startsWith("-")) {
      invocation.subcommand = arg;
      break;
    }
    const eq = arg.indexOf("=");
    const name = arg.startsWith("--") && eq !== -1 ? arg.slice(0, eq) : arg;
    const value = arg.startsWith("--") && eq !== -1 ? arg.slice(eq + 1) : VALUE_OPTIONS.has(name) ? argv[++index] : undefined;
    if (value === undefined) continue;
    if (name === "-f" || name === "--file") invocation.files.push(value);
    else if (name === "--project-directory") invocation.projectDirectory = value;
    else if (name === "-p" || name === "--project-name") invocation.projectName = value;
  }
  return invocation;
}

/**
 * The project name compose gives a folder it was not told another for: the folder's name, lower-cased, with what a
 * project name may not hold removed (compose's NormalizeProjectName). The network `<name>_default` and the
 * containers `<name>-<service>-1` are named after it.
 */
export function composeProjectName(folder: string): string {
  return folder
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, "")
    .replace(/^[^a-z0-9]+/, "");
}
