import { parseArgs } from "node:util";
import { InvalidInputError } from "../support/errors.js";
import { IMAGE_MODES, type ImageMode } from "../images/types.js";
import { DEFAULT_RESULTS } from "../report/results-file.js";
import type { Isolation } from "../runner/run-scenario.js";
import type { PrestartSetting } from "../runner/prestart-queue.js";

export const COMMANDS = ["run", "validate", "list", "fix", "coverage", "status", "scaffold", "engines", "diff"] as const;
export type Command = (typeof COMMANDS)[number];

export interface CliArgs {
  command: Command | "help";
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
  /** `run --prestart auto|N`: sandboxes started ahead of their scenario's turn (0: none; auto: one per spare core). */
  prestart: PrestartSetting;
  lessonsDir: string | null;
  /** `coverage --strict`: exit 1 when a command-like lesson line is uncovered. */
  strict: boolean;
  /** `coverage --report FILE`, `status`: a run's --json report to read verdicts and reached steps from. */
  report: string | null;
  /** `run --html FILE`: the annotated lesson as one self-contained page. */
  html: string | null;
  /** `run --junit FILE`: JUnit XML, with <error> for machine faults apart from <failure> for lesson verdicts. */
  junit: string | null;
  /** `scaffold --section HEADING`. */
  section: string | null;
  /** `scaffold --out FILE`. */
  out: string | null;
  /** `run --engines NAME[,NAME]` (or `all`); null: DOCKPROOF_ENGINES, else the default engine. */
  engines: string | null;
  /** `run --changed-since FILE`: only the scenarios whose lesson text or fixtures changed since that results file. */
  changedSince: string | null;
}

export const USAGE = `usage:
  dockproof run [paths…] [--json FILE] [--summary FILE] [--results FILE] [--baseline FILE] [--html FILE] [--junit FILE]
                [--images auto|online|offline] [--isolation dind|host] [--concurrency N] [--prestart auto|N]
                [--lessons DIR] [--engines NAME[,NAME]|all] [--changed-since FILE]
  dockproof validate [paths…] [--lessons DIR]
  dockproof list [paths…] [--lessons DIR]
  dockproof fix [paths…] [--lessons DIR]
  dockproof coverage [paths…] [--lessons DIR] [--json FILE] [--report FILE] [--strict]
  dockproof status [paths…] [--lessons DIR] [--baseline FILE] [--json FILE]
  dockproof scaffold LESSON [--section HEADING] [--out FILE] [--lessons DIR]
  dockproof engines
  dockproof diff OLD NEW
paths are scenario files or folders (default: scenarios/). --results defaults to ${DEFAULT_RESULTS}; --summary
writes Markdown (also appended to $GITHUB_STEP_SUMMARY when set); --html the annotated lesson; --junit JUnit XML
(<error> for machine faults, <failure> for lesson failures); --baseline and diff compare results files.
status lists the scenarios whose lesson text, fixtures or file changed since their last pass in --baseline
(default: ${DEFAULT_RESULTS}); run --changed-since FILE runs only those.
Exit codes: 0 all passed (known issues allowed) / nothing regressed, 1 a scenario failed / a verdict regressed,
2 invalid input, usage or unreadable results file, 3 errors of this machine (a sandbox lost, a full disk) and no
lesson failure.`;

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
  prestart: { type: "string", default: "auto" },
  lessons: { type: "string" },
  strict: { type: "boolean", default: false },
  report: { type: "string" },
  html: { type: "string" },
  junit: { type: "string" },
  section: { type: "string" },
  out: { type: "string" },
  engines: { type: "string" },
  "changed-since": { type: "string" },
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
      prestart: "auto",
      lessonsDir: null,
      strict: false,
      report: null,
      html: null,
      junit: null,
      section: null,
      out: null,
      engines: null,
      changedSince: null,
    };
  }
  const concurrency = Number(parsed.values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) {
    throw new InvalidInputError("E_USAGE", `--concurrency: expected an integer 1-16, found "${parsed.values.concurrency}"`);
  }
  const prestart = parsed.values.prestart === "auto" ? "auto" : /^\d+$/.test(parsed.values.prestart) ? Number(parsed.values.prestart) : Number.NaN;
  if (prestart !== "auto" && !(prestart >= 0 && prestart <= 16)) {
    throw new InvalidInputError("E_USAGE", `--prestart: expected auto or an integer 0-16, found "${parsed.values.prestart}"`);
  }
  if (!(COMMANDS as readonly string[]).includes(command)) {
    throw new InvalidInputError("E_USAGE", `expected a command ${COMMANDS.slice(0, -1).join(", ")} or ${COMMANDS.at(-1)}, found "${command}"`);
  }
  if (command === "diff" && paths.length !== 2) {
    throw new InvalidInputError(
      "E_USAGE",
      `diff: expected two results files (OLD NEW), found ${paths.length === 0 ? "none" : paths.map((path) => `"${path}"`).join(" ")}`,
    );
  }
  if (command === "scaffold" && paths.length !== 1) {
    throw new InvalidInputError(
      "E_USAGE",
      `scaffold: expected one lesson file (relative to the lessons directory), found ${paths.length === 0 ? "none" : paths.map((path) => `"${path}"`).join(" ")}`,
    );
  }
  for (const flag of ["summary", "results", "baseline", "json", "report", "html", "junit", "out", "changed-since"] as const) {
    if (parsed.values[flag] === "") throw new InvalidInputError("E_USAGE", `--${flag}: expected a file name, found ""`);
  }
  return {
    command: command as Command,
    paths,
    json: parsed.values.json ?? null,
    summary: parsed.values.summary ?? null,
    results: parsed.values.results,
    baseline: parsed.values.baseline ?? null,
    images: choice("images", parsed.values.images, IMAGE_MODES),
    isolation: choice("isolation", parsed.values.isolation, ["dind", "host"] as const),
    concurrency,
    prestart,
    lessonsDir: parsed.values.lessons ?? null,
    strict: parsed.values.strict,
    report: parsed.values.report ?? null,
    html: parsed.values.html ?? null,
    junit: parsed.values.junit ?? null,
    section: parsed.values.section ?? null,
    out: parsed.values.out ?? null,
    engines: parsed.values.engines ?? null,
    changedSince: parsed.values["changed-since"] ?? null,
  };
}
