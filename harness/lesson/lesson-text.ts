/**
 * What a plain-text lesson is made of, line by line: headings (lines ending in "->", the course's own convention),
 * shell commands a learner types, and Dockerfile blocks. Such lessons have no markup, so commands are recognised by
 * their first word: a program Docker courses use. lesson-markup.ts reads a whole lesson, Markdown ones too.
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

/** A plain-text heading: a line ending in "->" (Markdown's `#` headings: lesson-markup.ts). */
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
