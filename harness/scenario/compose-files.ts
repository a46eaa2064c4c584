/**
 * The compose files a scenario's `docker compose` steps read, as loading can know them: a lesson file the scenario
 * writes (`lessonFiles`), else the file in the working folder (read as untrusted input, like a Dockerfile). From them
 * come the images the services need (they must be in `images:`, as for `docker run`) and the host ports they publish
 * (the sandbox maps them, as for `-p`). A compose file made by an earlier shell step is not there yet: compose reads
 * it when it runs.
 */
import path from "node:path";
import { commandsOf } from "../commands/command-segments.js";
import { composeInvocation } from "../commands/compose-argv.js";
import { COMPOSE_FILE_NAMES, type ComposeFile, readComposeFile } from "../commands/compose-file.js";
import { FILE_PROBLEM_CODES, readUntrustedFile } from "../lesson/untrusted-file.js";

const MAX_COMPOSE_BYTES = 1024 * 1024;

/** Where loading looks: the steps' folder and the lesson files written into it (normalized path -> text). */
export interface ComposeSource {
  cwd: string | null;
  cwdName: string;
  lessonFiles: ReadonlyMap<string, string>;
}

export interface ComposeUse {
  /** The file as the working folder names it (`docker-compose.yml`). */
  file: string;
  /** The folder builds and relative paths of the file are read from, relative to the working folder. */
  directory: string;
  compose: ComposeFile;
}

function read(name: string, source: ComposeSource): { text: string } | { problem: string } | null {
  const normal = path.posix.normalize(name);
  const written = source.lessonFiles.get(normal);
  if (written !== undefined) return { text: written };
  if (source.cwd === null) return null;
  const file = readUntrustedFile({ label: "compose file", root: source.cwd, rootName: source.cwdName, maxBytes: MAX_COMPOSE_BYTES }, name);
  if (file.problem) return file.problem.code === FILE_PROBLEM_CODES.notFound ? null : { problem: file.problem.message };
  return { text: file.text };
}

/** The compose files one command reads (none for any other command), and why one cannot be read. */
export function composeFilesOf(argv: readonly string[], source: ComposeSource): { uses: ComposeUse[]; problems: string[] } {
  const invocation = composeInvocation(argv);
  if (!invocation) return { uses: [], problems: [] };
  const folder = invocation.projectDirectory ?? ".";
  if ([...invocation.files, folder].some((name) => name.includes("${") || name === "-")) return { uses: [], problems: [] };
  const uses: ComposeUse[] = [];
  const problems: string[] = [];
  const take = (name: string): boolean => {
    const found = read(name, source);
    if (found === null) return false;
    if ("problem" in found) problems.push(found.problem);
    else
      uses.push({
        file: path.posix.normalize(name),
        directory: path.posix.dirname(path.posix.normalize(name)),
        compose: readComposeFile(found.text),
      });
    return true;
  };
  if (invocation.files.length > 0) for (const name of invocation.files) take(name);
  // Without -f, compose takes the first of its default names in the project folder.
  else COMPOSE_FILE_NAMES.find((name) => take(path.posix.join(folder, name)));
  return { uses, problems };
}

/** Host ports the compose files of these commands publish: the sandbox maps them, so the scenario's `localhost:P` answers. */
export function composePublishedPorts(commands: ReadonlyArray<{ text: string | null; shell: boolean }>, source: ComposeSource): number[] {
  const ports = commands.flatMap(({ text, shell }) =>
    text === null
      ? []
      : commandsOf(text, shell).flatMap((argv) =>
          composeFilesOf(argv, source).uses.flatMap((use) => use.compose.services.flatMap((service) => service.ports)),
        ),
  );
  return [...new Set(ports)];
}
