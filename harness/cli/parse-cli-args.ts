import { parseArgs } from "node:util";
import { InvalidInputError } from "../support/errors.js";
import { IMAGE_MODES, type ImageMode } from "../images/types.js";
import { DEFAULT_RESULTS } from "../report/results-file.js";
import type { Isolation } from "../runner/run-scenario.js";

export interface CliArgs {
  command: "run" | "validate" | "list" | "fix" | "diff" | "help";
  /** Scenario files or folders; for `diff`, the OLD and NEW results files. */
  paths: string[];
  json: string | null;
  /** Markdown summary file (`run`); it is also appended to $GITHUB_STEP_SUMMARY when that is set. */
  summary: string | null;
  /** Results file (`run`): image ref -> id/digest, scenario file -> verdict. */
  results: string;
  /** Results file (or --json report) of an earlier run to compare with (`run`). */
  baseline: string | null;
  images: ImageMode;
  isolation: Isolation;
  concurrency: number;
  lessonsDir: string | null;
}

export const USAGE = `usage:
  dockproof run [paths…] [--json FILE] [--summary FILE] [--results FILE] [--baseline FILE]
                [--images auto|online|offline] [--isolation dind|host] [--concurrency N] [--lessons DIR]
  dockproof validate [paths…] [--lessons DIR]
  dockproof list [paths…] [--lessons DIR]
  dockproof fix [paths…] [--lessons DIR]
  dockproof diff OLD NEW
paths are scenario files or folders (default: scenarios/). --results defaults to ${DEFAULT_RESULTS}; --summary
writes Markdown (also appended to $GITHUB_STEP_SUMMARY when set); --baseline and diff compare results files.
Exit codes: 0 all passed (known issues allowed) / nothing regressed, 1 a scenario failed / a verdict regressed,
2 invalid input, usage or unreadable results file.`;

const choice = <T extends string>(flag: string, value: string, allowed: readonly T[]): T => {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InvalidInputError("E_USAGE", `--${flag}: expected one of ${allowed.join(", ")}, found "${value}"`);
};

const OPTIONS = {
  json: { type: "string" },
  summary: { type: "string" },
  results: { type: "string", default: DEFAULT_RESULTS },
  baseline: { type: "string" },
  images: { type: "string", default: "auto" },
  isolation: { type: "string", default: "dind" },
  concurrency: { type: "string", default: "2" },
  lessons: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

function readArgs(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: OPTIONS });
  } catch (error) {
    throw new InvalidInputError("E_USAGE", (error as Error).message, { cause: error });
  }
}

export function parseCliArgs(argv: readonly string[]): CliArgs {
  const parsed = readArgs(argv);
  const [command = "help", ...paths] = parsed.positionals;
  if (parsed.values.help || command === "help") {
    return {
      command: "help",
      paths: [],
      json: null,
      summary: null,
      results: DEFAULT_RESULTS,
      baseline: null,
      images: "auto",
      isolation: "dind",
      concurrency: 1,
      lessonsDir: null,
    };
  }
  const concurrency = Number(parsed.values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) {
    throw new InvalidInputError("E_USAGE", `--concurrency: expected an integer 1-16, found "${parsed.values.concurrency}"`);
  }
  if (command !== "run" && command !== "validate" && command !== "list" && command !== "fix" && command !== "diff") {
    throw new InvalidInputError("E_USAGE", `expected a command run, validate, list, fix or diff, found "${command}"`);
  }
  if (command === "diff" && paths.length !== 2) {
    throw new InvalidInputError(
      "E_USAGE",
      `diff: expected two results files (OLD NEW), found ${paths.length === 0 ? "none" : paths.map((path) => `"${path}"`).join(" ")}`,
    );
  }
  for (const flag of ["summary", "results", "baseline", "json"] as const) {
    if (parsed.values[flag] === "") throw new InvalidInputError("E_USAGE", `--${flag}: expected a file name, found ""`);
  }
  return {
    command,
    paths,
    json: parsed.values.json ?? null,
    summary: parsed.values.summary ?? null,
    results: parsed.values.results,
    baseline: parsed.values.baseline ?? null,
    images: choice("images", parsed.values.images, IMAGE_MODES),
    isolation: choice("isolation", parsed.values.isolation, ["dind", "host"] as const),
    concurrency,
    lessonsDir: parsed.values.lessons ?? null,
  };
}
