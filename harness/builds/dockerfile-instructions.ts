import { DockerfileParser } from "dockerfile-ast";

/**
 * What an instruction does to the image's layers, as measured on dockerd 20.10 (see README.md):
 * - `filesystem`: RUN, COPY, ADD. BuildKit always commits a layer (even an empty one); the classic
 *   builder drops a layer whose diff is empty (e.g. `RUN true`).
 * - `workdir`: WORKDIR mkdirs its path. BuildKit commits a layer for every WORKDIR except `/`
 *   (an existing directory gives an empty layer); the classic builder only when it created the directory.
 * - `metadata`: ENV, CMD, EXPOSE, LABEL, ... change the image config only, never a layer.
 * - `from`: starts a stage; its layers are the base image's.
 */
export type LayerEffect = "filesystem" | "workdir" | "metadata" | "from";

export interface DockerfileInstruction {
  keyword: string;
  /** Arguments with line continuations joined, as the builders echo them. */
  args: string;
  /** `KEYWORD args`, comparable with what `docker build` prints per step. */
  text: string;
  /** 1-based, as editors and the lesson text count. */
  line: number;
  endLine: number;
  /** Index of the build stage (each FROM starts one), 0-based. */
  stage: number;
  /** `AS name` of the stage, if any. */
  stageName: string | null;
  layerEffect: LayerEffect;
  /** RUN, COPY or ADD: always changes the filesystem. */
  filesystemChanging: boolean;
}

export interface DockerfileNote {
  line: number;
  code: "JSON_FORM_INVALID";
  message: string;
}

export interface ParsedDockerfile {
  instructions: DockerfileInstruction[];
  /** Things that build fine but do not mean what they look like (e.g. CMD with a trailing comma). */
  notes: DockerfileNote[];
}

const FILESYSTEM = new Set(["RUN", "COPY", "ADD"]);
/** Exec form is only exec form if the arguments are a valid JSON array of strings. */
const JSON_FORM = new Set(["CMD", "ENTRYPOINT", "RUN", "SHELL", "VOLUME"]);

export function parseDockerfile(text: string): ParsedDockerfile {
  const instructions: DockerfileInstruction[] = [];
  const notes: DockerfileNote[] = [];
  let stage = -1;
  let stageName: string | null = null;
  for (const instruction of DockerfileParser.parse(text).getInstructions()) {
    const keyword = instruction.getKeyword().toUpperCase();
    const args = (instruction.getArgumentsContent() ?? "").trim();
    const range = instruction.getRange();
    if (keyword === "FROM") {
      stage += 1;
      stageName = /\s+as\s+(\S+)\s*$/i.exec(args)?.[1] ?? null;
    }
    const line = range.start.line + 1;
    instructions.push({
      keyword,
      args,
      text: `${keyword} ${args}`.trim(),
      line,
      endLine: range.end.line + 1,
      stage: Math.max(stage, 0),
      stageName,
      layerEffect: layerEffectOf(keyword),
      filesystemChanging: FILESYSTEM.has(keyword),
    });
    const note = jsonFormNote(keyword, args, line);
    if (note) notes.push(note);
  }
  return { instructions, notes };
}

function layerEffectOf(keyword: string): LayerEffect {
  if (FILESYSTEM.has(keyword)) return "filesystem";
  if (keyword === "WORKDIR") return "workdir";
  if (keyword === "FROM") return "from";
  return "metadata";
}

/**
 * `CMD ["node", "dist/index.js", ]` is not JSON, so Docker silently runs it in shell form:
 * `/bin/sh -c '["node", "dist/index.js", ]'`, which fails when the container starts.
 */
function jsonFormNote(keyword: string, args: string, line: number): DockerfileNote | null {
  if (!JSON_FORM.has(keyword) || !args.startsWith("[")) return null;
  try {
    const value: unknown = JSON.parse(args);
    if (Array.isArray(value) && value.every((item) => typeof item === "string")) return null;
  } catch {
    // falls through to the note
  }
  return {
    line,
    code: "JSON_FORM_INVALID",
    message: `${keyword} ${args} is not a JSON array of strings, so Docker runs it in shell form: /bin/sh -c '${args}'`,
  };
}
