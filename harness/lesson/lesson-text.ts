/**
 * What a plain-text lesson is made of, as dockproof reads it: headings (lines ending in "->", the course's own
 * convention, or any line a scenario names as its section), shell commands a learner types, and Dockerfile blocks.
 * Lessons have no markup, so commands are recognised by their first word: a program Docker courses use.
 */

/** First words of the shell commands lessons show; a line starting with one (or with a `$ ` prompt) is a command. */
export const COMMAND_PROGRAMS: ReadonlySet<string> = new Set([
  "docker",
  "docker-compose",
  "podman",
  "npm",
  "npx",
  "node",
  "yarn",
  "pnpm",
  "git",
  "cd",
  "mkdir",
  "echo",
  "cat",
  "curl",
  "wget",
  "ls",
  "cp",
  "mv",
  "rm",
  "touch",
  "sudo",
  "export",
  "kubectl",
  "python",
  "python3",
  "pip",
  "sh",
  "bash",
  "chmod",
  "chown",
  "ps",
  "kill",
  "sleep",
  "mongosh",
  "psql",
  "redis-cli",
  "nano",
  "vi",
  "code",
  "open",
]);

const DOCKERFILE_INSTRUCTIONS = new Set([
  "FROM",
  "RUN",
  "CMD",
  "LABEL",
  "MAINTAINER",
  "EXPOSE",
  "ENV",
  "ADD",
  "COPY",
  "ENTRYPOINT",
  "VOLUME",
  "USER",
  "WORKDIR",
  "ARG",
  "ONBUILD",
  "STOPSIGNAL",
  "HEALTHCHECK",
  "SHELL",
]);

export interface LessonLine {
  /** 1-based. */
  line: number;
  text: string;
}

export interface DockerfileBlock {
  /** First line (its FROM) and last instruction line. */
  from: number;
  to: number;
  /** The instruction lines (not blanks, comments or continuations). */
  instructions: LessonLine[];
}

/** The command a lesson line shows, without a `$ ` prompt; undefined for a line that is not a command. */
export function commandOf(text: string): string | undefined {
  const trimmed = text.trim().replace(/^\$\s+/, "");
  const first = trimmed.split(/\s+/)[0] ?? "";
  return COMMAND_PROGRAMS.has(first) ? trimmed : undefined;
}

export const isHeading = (text: string): boolean => /\S\s*->\s*$/.test(text);

const instructionOf = (text: string): string | undefined => {
  const word = /^\s*([A-Za-z]+)\b/.exec(text)?.[1];
  return word && word === word.toUpperCase() && DOCKERFILE_INSTRUCTIONS.has(word) ? word : undefined;
};

/** Dockerfile blocks: from a FROM line over instructions, blank lines, comments and continuations, to the last instruction. */
export function dockerfileBlocks(lines: readonly string[]): DockerfileBlock[] {
  const blocks: DockerfileBlock[] = [];
  let current: DockerfileBlock | null = null;
  let continued = false;
  lines.forEach((text, index) => {
    const line = index + 1;
    if (current && (continued || text.trim() === "" || text.trim().startsWith("#") || instructionOf(text))) {
      if (!continued && instructionOf(text)) {
        current.instructions.push({ line, text: text.trim() });
        current.to = line;
      }
      continued = /\\\s*$/.test(text);
      return;
    }
    current = null;
    if (instructionOf(text) === "FROM") {
      current = { from: line, to: line, instructions: [{ line, text: text.trim() }] };
      blocks.push(current);
      continued = /\\\s*$/.test(text);
    }
  });
  return blocks;
}

/** Every shell command line, outside Dockerfile blocks. */
export function commandLines(lines: readonly string[]): LessonLine[] {
  const inBlock = new Set(dockerfileBlocks(lines).flatMap((block) => Array.from({ length: block.to - block.from + 1 }, (_, k) => block.from + k)));
  return lines.flatMap((text, index) => (!inBlock.has(index + 1) && commandOf(text) !== undefined ? [{ line: index + 1, text: text.trim() }] : []));
}

/** The heading a line falls under: the nearest heading at or above it, or null before the first. */
export function headingOf(lines: readonly string[], line: number, extraHeadings: ReadonlySet<string> = new Set()): LessonLine | null {
  for (let index = Math.min(line, lines.length) - 1; index >= 0; index--) {
    const text = lines[index] ?? "";
    if (isHeading(text) || extraHeadings.has(text.trim())) return { line: index + 1, text: text.trim() };
  }
  return null;
}
