/**
 * What each line of a Markdown lesson's fenced blocks is: a command the learner types (a `bash`/`sh`/`shell` block,
 * the `$ ` lines of a `console` block), the output a console block shows, a comment in a shell block, or a line of a
 * file (any other block: yaml, dockerfile, an untagged block the prose names a file). The fences themselves are
 * nothing. Markup decides, never the words: a yaml line is a file line whatever it says.
 */
import { type FencedBlock, fencedBlocks, withoutPrompt } from "./markdown-blocks.js";
import { commandOf } from "./lesson-text.js";

/** The languages of blocks whose every line is a command, and of those where only `$ ` lines are (the rest is output). */
const SHELL_LANGUAGES: ReadonlySet<string> = new Set(["bash", "sh", "shell", "zsh"]);
const CONSOLE_LANGUAGES: ReadonlySet<string> = new Set(["console", "shell-session", "shellsession"]);

export type BlockRole = "shell" | "console" | "file";

export interface LessonBlock extends FencedBlock {
  role: BlockRole;
}

export type FencedLine =
  | { part: "fence" }
  | { part: "command"; command: string }
  | { part: "output" }
  | { part: "comment"; text: string }
  | { part: "file"; block: LessonBlock };

/** The block's language: the first word of its info string (```bash title="x" is bash), lower-cased. */
export const languageOf = (info: string): string => /^[{.\s]*([\w+-]*)/.exec(info)?.[1]?.toLowerCase() ?? "";

const contentOf = (lines: readonly string[], block: FencedBlock) => lines.slice(block.from - 1, block.to).filter((text) => text.trim() !== "");

const SCRIPT = /\.(sh|bash|zsh|ps1|cmd|bat)$/i;

/**
 * A shell block is commands unless its info string names a file (```bash title="start.sh"): prose above a command
 * block often names a file the command uses ("Build it from the `Dockerfile`:"). An untagged block whose every line is
 * a command is commands too, unless the prose names a script it is; any other untagged block is a file, the one the
 * prose names ("add a `.dockerignore`").
 */
function roleOf(lines: readonly string[], block: FencedBlock): BlockRole {
  const language = languageOf(block.info);
  const namedInInfo = block.fileName !== null && block.info.includes(block.fileName);
  if (SHELL_LANGUAGES.has(language) && !namedInInfo) return "shell";
  if (CONSOLE_LANGUAGES.has(language) && !namedInInfo) return "console";
  const content = contentOf(lines, block);
  const commands = content.length > 0 && content.every((text) => commandOf(text) !== undefined);
  return language === "" && commands && !SCRIPT.test(block.fileName ?? "") ? "shell" : "file";
}

function partOf(text: string, block: LessonBlock): FencedLine {
  if (block.role === "file") return { part: "file", block };
  const { command, prompted } = withoutPrompt(text);
  if (block.role === "console") return prompted ? { part: "command", command } : { part: "output" };
  return command.startsWith("#") ? { part: "comment", text: command.replace(/^#+\s*/, "") } : { part: "command", command };
}

/** Every fenced block with its role, and what each of their non-blank lines (and fence lines) is, by line. */
export function fencedLines(lines: readonly string[]): { blocks: LessonBlock[]; parts: Map<number, FencedLine> } {
  const blocks = fencedBlocks(lines).map((block): LessonBlock => ({ ...block, role: roleOf(lines, block) }));
  const parts = new Map<number, FencedLine>();
  for (const block of blocks) {
    parts.set(block.from - 1, { part: "fence" });
    // A fence left open runs to the end of the lesson: no closing line then.
    if (block.to < lines.length) parts.set(block.to + 1, { part: "fence" });
    for (let line = block.from; line <= block.to; line++) {
      const text = lines[line - 1] ?? "";
      if (text.trim() !== "") parts.set(line, partOf(text, block));
    }
  }
  return { blocks, parts };
}
