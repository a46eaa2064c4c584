/**
 * A problem found while loading a scenario file. Loading reports every problem it can find at
 * once, each at a `file:line:col` position, so an author fixes a file in one round trip.
 */
export interface Problem {
  /** The file as given (relative paths stay relative to the cwd). */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  col: number;
  /** Stable code, see PROBLEM_CODES. */
  code: string;
  message: string;
}

export const PROBLEM_CODES = {
  notFound: "E_FILE_NOT_FOUND",
  unreadable: "E_FILE_UNREADABLE",
  tooLarge: "E_FILE_TOO_LARGE",
  binary: "E_FILE_BINARY",
  empty: "E_FILE_EMPTY",
  yaml: "E_YAML_SYNTAX",
  aliases: "E_YAML_ALIASES",
  schemaVersion: "E_SCHEMA_VERSION",
  schema: "E_SCHEMA",
  unknownKey: "E_UNKNOWN_KEY",
  command: "E_COMMAND_SYNTAX",
  variable: "E_UNDEFINED_VARIABLE",
  lesson: "E_LESSON",
  quote: "E_QUOTE_MISMATCH",
  image: "E_UNKNOWN_IMAGE",
  step: "E_STEP",
  workdir: "E_WORKDIR",
  plugin: "E_PLUGIN_MISSING",
} as const;

/** A path into the scenario document, as zod and yaml both spell it. */
export type DocPath = ReadonlyArray<string | number>;

/** A path as a key of the maps that hold what was found at it ("steps.3.run.lesson"). */
export const pathKey = (path: DocPath): string => path.join(".");

/** A problem before it is placed: semantic checks name the document path, the loader finds it. */
export interface PathProblem {
  path: DocPath;
  code: string;
  message: string;
  /** Point at the key named by the last path element instead of its value (unknown keys). */
  atKey?: boolean;
}

export function formatProblem(problem: Problem): string {
  return `${problem.file}:${problem.line}:${problem.col} ${problem.message}`;
}

/** `steps[2].expect.stdout` */
export function formatPath(path: DocPath): string {
  return path.map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? part : `.${part}`)).join("");
}

/** A short, quoted rendering of a value an author wrote, for "found ..." parts of messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return value.length === 0 ? "an empty list" : "a list";
  if (value !== null && typeof value === "object") return "a mapping";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export const byPosition = (a: Problem, b: Problem) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col;
