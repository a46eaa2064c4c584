/**
 * Fenced code blocks of a Markdown lesson (CommonMark fences: three or more backticks or tildes), with the file a
 * block is, when the prose just above it names one ("a file called `docker-compose.yml`", "add a `.dockerignore`",
 * "### docker-compose.yml") or its info string does (```yaml title="compose.yaml"). A scenario writes such a block
 * into the working folder with `lessonFiles: [{ path, lines: [from, to] }]`: `from`/`to` here are those lines.
 * Lesson text is untrusted input: this only reads lines, it never runs or resolves anything.
 */

export interface FencedBlock {
  /** 1-based lines of the content inside the fences (an empty block: `to` is `from - 1`). */
  from: number;
  to: number;
  /** The info string after the opening fence (`yaml`, `bash`, `Dockerfile`), trimmed; "" for none. */
  info: string;
  /** The file the lesson says the block is, or null when it names none. */
  fileName: string | null;
}

const OPENING = /^(\s*)(`{3,}|~{3,})(.*)$/;
/** Names that are files without a dot in them. */
const DOTLESS_FILES = /^(Dockerfile|Containerfile|Makefile|Procfile|Gemfile|Jenkinsfile|Vagrantfile)([.-][\w.-]+)?$/;

/** Text in backticks that reads as a file name: no spaces, no `image:tag`, not a version number or a URL. */
export function looksLikeFileName(text: string): boolean {
  if (!/^[\w./-]+$/.test(text) || text.endsWith("/") || /^\d+(\.\d+)*$/.test(text)) return false;
  const base = text.split("/").at(-1) ?? "";
  return DOTLESS_FILES.test(base) || (base.includes(".") && !base.endsWith("."));
}

/** A file named in the info string: `title="x"`, `filename=x`, `file=x`, or `lang:x` (```yaml:docker-compose.yml). */
function infoFileName(info: string): string | null {
  const named = /(?:^|\s)(?:title|filename|file|name)=(?:"([^"]+)"|'([^']+)'|(\S+))/.exec(info);
  const candidate = named ? (named[1] ?? named[2] ?? named[3] ?? "") : (/^[\w+-]+:(\S+)$/.exec(info.trim())?.[1] ?? "");
  return looksLikeFileName(candidate) ? candidate : null;
}

/** The last file name in backticks (or a heading that is one) in the paragraph right above line `above` (1-based). */
function proseFileName(lines: readonly string[], above: number, stopAt: number): string | null {
  let index = above - 2;
  while (index >= stopAt && (lines[index] ?? "").trim() === "") index--;
  const paragraph: string[] = [];
  for (; index >= stopAt && (lines[index] ?? "").trim() !== ""; index--) {
    const text = lines[index] ?? "";
    if (OPENING.test(text)) break;
    paragraph.unshift(text);
    if (/^\s{0,3}#/.test(text)) break; // a heading ends the paragraph above it
  }
  const prose = paragraph.join("\n");
  const quoted = [...prose.matchAll(/`([^`\n]+)`/g)].map((match) => (match[1] ?? "").trim()).filter(looksLikeFileName);
  if (quoted.length > 0) return quoted.at(-1) ?? null;
  const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(paragraph.at(-1) ?? "")?.[1]?.replace(/`/g, "");
  return heading !== undefined && looksLikeFileName(heading) ? heading : null;
}

/** Every fenced block, in order. A fence left open runs to the end of the lesson, as CommonMark reads it. */
export function fencedBlocks(lines: readonly string[]): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  let afterLast = 0; // the prose of a block is looked for below the previous block only
  for (let index = 0; index < lines.length; index++) {
    const open = OPENING.exec(lines[index] ?? "");
    if (!open) continue;
    const fence = open[2] as string;
    const info = (open[3] ?? "").trim();
    if (fence.startsWith("`") && info.includes("`")) continue; // not a fence: an inline code span
    const closing = new RegExp(`^\\s*${fence[0] === "`" ? "`" : "~"}{${fence.length},}\\s*$`);
    let close = index + 1;
    while (close < lines.length && !closing.test(lines[close] ?? "")) close++;
    blocks.push({ from: index + 2, to: close, info, fileName: infoFileName(info) ?? proseFileName(lines, index + 1, afterLast) });
    afterLast = close + 1;
    index = close;
  }
  return blocks;
}

/**
 * A command line as a Markdown lesson shows it, without its `$ ` prompt: `prompted` says whether it had one (in a
 * `console` block, lines without a prompt are output, not commands).
 */
export function withoutPrompt(text: string): { command: string; prompted: boolean } {
  const match = /^\s*\$\s+(.*)$/.exec(text);
  return match ? { command: (match[1] ?? "").trim(), prompted: true } : { command: text.trim(), prompted: false };
}
