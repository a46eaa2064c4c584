import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { z } from "zod";
import type { ScenarioStamp } from "../scenario/scenario-stamp.js";
import type { ImageReport, ScenarioReport, ScenarioStatus } from "../model/report-types.js";
import { InvalidInputError } from "../support/errors.js";

/** The shape of `reports/results.json`; `version` changes when this shape does. */
export const RESULTS_VERSION = 2;

/**
 * What a later run is compared with: which image (id, registry digest) each ref was, and each scenario
 * file's verdict. Small on purpose, so it can be kept (CI cache, artifact, committed baseline) for a long time.
 */
export interface ResultsFile {
  kind: "dockproof-results";
  version: number;
  createdAt: string;
  images: Record<string, { id: string; digest: string | null; substitute: boolean }>;
  /** Keyed by `file@engine` (resultKey): a scenario on each engine is one result. */
  scenarios: Record<string, ResultEntry>;
}

export interface ResultEntry {
  verdict: ScenarioStatus;
  name: string;
  images: string[];
  file: string;
  engine: string;
  /** What the verdict was verified against; absent in results from before stamps (everything counts as changed). */
  stamp?: ScenarioStamp;
  /**
   * Set when the run that wrote this file did not run the scenario (`run --changed-since`: its stamp was unchanged):
   * verdict and stamp are the ones that results file recorded, from the run that made them.
   */
  carriedFrom?: { file: string; createdAt: string };
}

/** Results of runs from before engines were a dimension came from dockerd 20.10: the legacy engine. */
export const PRE_ENGINE_RUNS = "legacy";

export const resultKey = (file: string, engine: string): string => `${file}@${engine}`;

const VERDICTS = ["passed", "failed", "known-issue", "review", "unverified", "skipped", "error"] as const;

/** What toResults reads of a run: a RunReport, a summary input, or a parsed --json report all fit. */
export interface ResultsSource {
  images: ReadonlyArray<Pick<ImageReport, "ref" | "id" | "digest" | "substitute">>;
  scenarios: ReadonlyArray<
    Pick<ScenarioReport, "file" | "name" | "status" | "images"> & { engine?: { name: string } | null; stamp?: ScenarioStamp | null }
  >;
}

export function toResults(report: ResultsSource, createdAt = new Date().toISOString()): ResultsFile {
  const images: ResultsFile["images"] = {};
  for (const image of [...report.images].sort((a, b) => (a.ref < b.ref ? -1 : 1)))
    images[image.ref] = { id: image.id, digest: image.digest, substitute: image.substitute };
  const scenarios: ResultsFile["scenarios"] = {};
  for (const scenario of [...report.scenarios].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    const engine = scenario.engine?.name ?? PRE_ENGINE_RUNS;
    scenarios[resultKey(scenario.file, engine)] = {
      verdict: scenario.status,
      name: scenario.name,
      images: [...scenario.images],
      file: scenario.file,
      engine,
      ...(scenario.stamp ? { stamp: scenario.stamp } : {}),
    };
  }
  return { kind: "dockproof-results", version: RESULTS_VERSION, createdAt, images, scenarios };
}

const verdictSchema = z.enum(VERDICTS, { error: `one of ${VERDICTS.join(", ")}` });
const hashSchema = z.string({ error: "a hash string" });
const lineSchema = z.int({ error: "a line number" });
const stampSchema = z.object(
  {
    version: z.int({ error: "a stamp version number" }),
    hash: hashSchema,
    lesson: z.object({
      file: z.string({ error: "a lesson file name" }),
      hash: hashSchema,
      spans: z.array(
        z.object({ lines: z.tuple([lineSchema, lineSchema], { error: "[from, to] line numbers" }), hash: hashSchema, text: z.string() }),
        {
          error: "a list of lesson spans",
        },
      ),
    }),
    scenario: hashSchema,
    fixtures: z.object({ hash: hashSchema, files: z.record(z.string(), hashSchema, { error: "an object of file -> hash" }) }).nullable(),
  },
  { error: "a stamp {version, hash, lesson, scenario, fixtures}" },
);
const resultsSchema = z.object({
  kind: z.literal("dockproof-results", { error: '"dockproof-results"' }),
  version: z.union([z.literal(1), z.literal(RESULTS_VERSION)], { error: `1 or ${RESULTS_VERSION} (the results formats this dockproof reads)` }),
  createdAt: z.string({ error: "a date string" }),
  images: z.record(
    z.string(),
    z.object(
      {
        id: z.string({ error: "an image id string" }),
        digest: z.string({ error: "a digest string or null" }).nullable(),
        substitute: z.boolean({ error: "true or false" }),
      },
      { error: "an object {id, digest, substitute}" },
    ),
    { error: "an object of image ref -> {id, digest, substitute}" },
  ),
  scenarios: z.record(
    z.string(),
    z.object(
      {
        verdict: verdictSchema,
        name: z.string({ error: "a string" }),
        images: z.array(z.string({ error: "an image ref" }), { error: "a list of image refs" }),
        file: z.string().optional(),
        engine: z.string().optional(),
        stamp: stampSchema.optional(),
        carriedFrom: z.object({ file: z.string(), createdAt: z.string() }, { error: "an object {file, createdAt}" }).optional(),
      },
      { error: "an object {verdict, name, images}" },
    ),
    { error: "an object of scenario file -> {verdict, name, images}" },
  ),
});

/** The parts of a `dockproof run --json` report a comparison needs; a full report is accepted wherever a results file is. */
const runReportSchema = z.object({
  version: z.number(),
  images: z.array(z.object({ ref: z.string(), id: z.string(), digest: z.string().nullable(), substitute: z.boolean() }).loose(), {
    error: "a list of images",
  }),
  scenarios: z.array(
    z
      .object({
        file: z.string(),
        name: z.string(),
        status: verdictSchema,
        images: z.array(z.string()),
        engine: z.object({ name: z.string() }).loose().nullish(),
        stamp: stampSchema.nullish(),
      })
      .loose(),
    {
      error: "a list of scenarios",
    },
  ),
});

const describeFound = (value: unknown): string => {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === "object") return "an object";
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
};

const pathText = (path: readonly PropertyKey[]): string =>
  path
    .map((key, index) =>
      typeof key === "number"
        ? `[${key}]`
        : /^[A-Za-z_]\w*$/.test(String(key))
          ? `${index === 0 ? "" : "."}${String(key)}`
          : `[${JSON.stringify(String(key))}]`,
    )
    .join("");

const valueAt = (root: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>(
    (value, key) => (value !== null && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[key] : undefined),
    root,
  );

/**
 * A results file (or a full `--json` run report) from text; anything else is an InvalidInputError worded
 * `file: expected … found …`, naming where in the file.
 */
export function parseResults(text: string, file: string): ResultsFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(
      "E_RESULTS",
      `${file}: expected JSON (a dockproof results file), found ${text.trim() === "" ? "an empty file" : `text that does not parse: ${(error as Error).message}`}`,
    );
  }
  if (data !== null && typeof data === "object" && !Array.isArray(data) && Array.isArray((data as { scenarios?: unknown }).scenarios)) {
    const report = runReportSchema.safeParse(data);
    if (report.success) return toResults(report.data, "");
    throw problem(file, data, report.error.issues[0], "a dockproof run --json report");
  }
  const results = resultsSchema.safeParse(data);
  if (results.success) return upgraded(results.data);
  throw problem(file, data, results.error.issues[0], "a dockproof results file");
}

function problem(file: string, data: unknown, issue: z.core.$ZodIssue | undefined, what: string): InvalidInputError {
  if (!issue) return new InvalidInputError("E_RESULTS", `${file}: expected ${what}, found something else`);
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    return new InvalidInputError(
      "E_RESULTS",
      `${file}: expected ${what} (a JSON object with kind "dockproof-results"), found ${describeFound(data)}`,
    );
  }
  const where = pathText(issue.path);
  const expected = issue.code === "invalid_type" || issue.code === "invalid_value" ? issue.message : `${issue.message}`;
  return new InvalidInputError(
    "E_RESULTS",
    `${file}: expected ${where ? `${where} to be ` : ""}${expected}, found ${describeFound(valueAt(data, issue.path))}`,
  );
}

export async function readResults(file: string): Promise<ResultsFile> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InvalidInputError(
      "E_RESULTS",
      `${file}: expected a readable dockproof results file, found ${code === "ENOENT" ? "no such file" : (error as Error).message}`,
    );
  }
  return parseResults(text, file);
}

/** Where `dockproof run` and `npm test` write the results file unless told otherwise. */
export const DEFAULT_RESULTS = "reports/results.json";

/** Writes a report file, creating its folder first. */
export async function writeText(file: string, text: string): Promise<void> {
  await mkdir(dirname(resolve(file)), { recursive: true });
  await writeFile(file, text);
}

export async function writeResults(file: string, results: ResultsFile): Promise<void> {
  await writeText(file, `${JSON.stringify(results, null, 2)}\n`);
}

/** A version 1 file keyed scenarios by file alone: those verdicts were the legacy engine's. */
function upgraded(data: z.output<typeof resultsSchema>): ResultsFile {
  const scenarios: ResultsFile["scenarios"] = {};
  for (const [key, entry] of Object.entries(data.scenarios)) {
    const file = entry.file ?? (data.version === 1 ? key : key.replace(/@[^@]*$/, ""));
    const engine = entry.engine ?? PRE_ENGINE_RUNS;
    const { stamp, carriedFrom } = entry;
    scenarios[resultKey(file, engine)] = {
      verdict: entry.verdict,
      name: entry.name,
      images: entry.images,
      file,
      engine,
      ...(stamp ? { stamp } : {}),
      ...(carriedFrom ? { carriedFrom } : {}),
    };
  }
  return { ...data, version: RESULTS_VERSION, scenarios };
}
