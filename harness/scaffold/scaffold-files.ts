/**
 * The files a draft writes from the lesson (`lessonFiles`): the section's fenced files under the name the prose gives
 * them ("a file called `docker-compose.yml`", "add a `.dockerignore`", ```yaml title="compose.yaml"), its Dockerfile
 * blocks (a fence or the plain-text kind; unnamed, they are `Dockerfile`, `Dockerfile.2`, …), and a file an earlier
 * section wrote that a command of this one reads (`docker compose up` after the compose file's section, a build after
 * the Dockerfile's): the learner has it in their folder by then. A block whose file the lesson does not name is left to the author, with a note.
 */
import path from "node:path";
import { commandsOf } from "../commands/command-segments.js";
import { composeInvocation } from "../commands/compose-argv.js";
import { commandUsesFile } from "../commands/file-users.js";
import { lessonMarkup } from "../lesson/lesson-markup.js";
import type { LessonSection } from "../lesson/lesson-sections.js";
import { type DockerfileBlock, dockerfileBlocks } from "../lesson/lesson-text.js";
import { composeFilesOf } from "../scenario/compose-files.js";

export interface SectionFile {
  path: string;
  from: number;
  to: number;
  /** The file's Dockerfile instructions, when it is one. */
  dockerfile: DockerfileBlock | null;
  /** Written from an earlier section's lines: why the draft writes it. */
  earlier: string | null;
}

export interface SectionFiles {
  files: SectionFile[];
  /** What the author must settle: blocks naming no file, a file written twice. */
  notes: string[];
}

/** The section's file blocks in order, each with the name the lesson gives it (null: none). */
function shownFiles(lines: readonly string[], section: LessonSection): Array<Omit<SectionFile, "path" | "earlier"> & { name: string | null }> {
  const markup = lessonMarkup(lines);
  const inSection = (line: number) => line >= section.from && line <= section.to;
  const dockerfiles = dockerfileBlocks(lines);
  const dockerfileIn = (from: number, to: number) => dockerfiles.find((block) => block.from >= from && block.from <= to) ?? null;
  const fenced = markup.blocks
    .filter((block) => block.role === "file" && inSection(block.from) && block.to >= block.from)
    .map((block) => ({ from: block.from, to: block.to, name: block.fileName, dockerfile: dockerfileIn(block.from, block.to) }));
  const plain = dockerfiles
    .filter((block) => markup.dockerfileLines.has(block.from) && inSection(block.from))
    .map((block) => ({ from: block.from, to: block.to, name: null, dockerfile: block }));
  return [...fenced, ...plain].sort((a, b) => a.from - b.from);
}

/** Files fenced before the section, the last of each name, that a command of the section uses. */
function earlierFiles(lines: readonly string[], section: LessonSection, commands: readonly string[], taken: ReadonlySet<string>): SectionFile[] {
  const latest = new Map<string, SectionFile>();
  for (const block of lessonMarkup(lines).blocks) {
    if (block.role !== "file" || block.fileName === null || block.to >= section.from || block.to < block.from) continue;
    latest.set(block.fileName, { path: block.fileName, from: block.from, to: block.to, dockerfile: null, earlier: null });
  }
  return [...latest.values()].flatMap((file) => {
    const user = commands.find((command) => commandUsesFile(command, file.path, "read"));
    return user === undefined || taken.has(file.path)
      ? []
      : [{ ...file, earlier: `written from lines ${file.from}-${file.to}, before this section: \`${user}\` uses it` }];
  });
}

export function sectionFiles(lines: readonly string[], section: LessonSection, commands: readonly string[]): SectionFiles {
  const result: SectionFiles = { files: [], notes: [] };
  const taken = new Set<string>();
  const freeDockerfile = () => {
    let name = "Dockerfile";
    for (let n = 2; taken.has(name); n++) name = `Dockerfile.${n}`;
    return name;
  };
  for (const shown of shownFiles(lines, section)) {
    const path = shown.name ?? (shown.dockerfile ? freeDockerfile() : null);
    if (path === null) {
      result.notes.push(
        `TODO: lines ${shown.from}-${shown.to} are a file the lesson names no path for: add it here with the path a learner would save it at.`,
      );
    } else if (taken.has(path)) {
      result.notes.push(
        `TODO: lines ${shown.from}-${shown.to} write ${path} again; the draft writes the first (a lesson file is written once, before the first step).`,
      );
    } else {
      taken.add(path);
      result.files.push({ path, from: shown.from, to: shown.to, dockerfile: shown.dockerfile, earlier: null });
    }
  }
  result.files.unshift(...earlierFiles(lines, section, commands, taken));
  return result;
}

/** The files as the draft writes them (path -> text), as the loader will read them. */
export const fileTexts = (files: ReadonlyArray<{ path: string; lines: [number, number] }>, lines: readonly string[]): Map<string, string> =>
  new Map(files.map((file) => [path.posix.normalize(file.path), `${lines.slice(file.lines[0] - 1, file.lines[1]).join("\n")}\n`]));

/** The services a compose command builds (`build: .`) from the compose files the draft writes: each build needs the app. */
export function composeBuilds(command: string, files: ReadonlyMap<string, string>): string[] {
  return commandsOf(command, false).flatMap((argv) => {
    const subcommand = composeInvocation(argv)?.subcommand ?? "";
    if (!["up", "build", "run", "create"].includes(subcommand)) return [];
    const { uses } = composeFilesOf(argv, { cwd: null, cwdName: "", lessonFiles: files });
    return uses.flatMap((use) => use.compose.services.filter((service) => service.build !== null).map((service) => service.name));
  });
}
