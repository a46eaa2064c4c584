/**
 * `dockproof scaffold LESSON [--section HEADING] [--out FILE]`: a draft scenario for one section of a lesson, printed
 * or written to a new file (never over an existing one). A written draft is loaded as `dockproof validate` would,
 * there, so the author learns at once whether it holds where it landed.
 */
import { lstatSync } from "node:fs";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { defaultBaselinePolicy, recordMissingBaselines } from "../scenario/record-baselines.js";
import { ImageCatalog } from "../images/catalog.js";
import { findBaselineDir, readBaseline } from "../lesson/baseline.js";
import { readLessonFile } from "../lesson/lesson-file.js";
import { ScaffoldError, scaffoldScenario } from "../scaffold/scaffold.js";
import { FILE_PROBLEM_CODES } from "../lesson/untrusted-file.js";
import { didYouMean } from "../scenario/did-you-mean.js";
import { formatProblem, loadScenarioFile } from "../scenario/index.js";
import { repoRoot } from "../support/paths.js";

export interface ScaffoldArgs {
  /** Relative to the lessons directory (or an absolute path inside it). */
  lessonFile: string;
  lessonsDir: string;
  section?: string | null;
  out?: string | null;
}

const SCHEMA_FILE = path.join(repoRoot, "scenarios", "scenario.schema.json");

const exists = (file: string) => lstatSync(file, { throwIfNoEntry: false }) !== undefined;

async function lessonHint(lessonsDir: string, name: string): Promise<string> {
  const entries = await readdir(lessonsDir, { withFileTypes: true }).catch(() => []);
  const names = entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
  const guess = didYouMean(path.basename(name), names);
  return guess ? `; did you mean ${JSON.stringify(guess)}?` : names.length ? `; the lessons there: ${names.sort().slice(0, 10).join(", ")}` : "";
}

/** Line numbers of a scenario beside a baseline refer to that text: a draft numbered by today's lesson would be misread. */
function baselineProblem(outFile: string, lessonFile: string, lines: readonly string[]): string | undefined {
  const dir = findBaselineDir(outFile);
  const baseline = dir ? readBaseline(dir, lessonFile) : null;
  if (!dir || !baseline) return undefined;
  if (baseline.problem) return `the baseline of ${lessonFile} in ${dir}: ${baseline.problem.message}`;
  if (baseline.lines.length === lines.length && baseline.lines.every((line, index) => line === lines[index])) return undefined;
  return (
    `expected the baseline ${path.join(dir, lessonFile)} to match the lesson, found it older: the scenarios there number ` +
    `their lines by it, and this draft would number them by the lesson as it is now; run \`dockproof fix\` on them first`
  );
}

export async function scaffoldCommand(args: ScaffoldArgs): Promise<number> {
  const fail = (message: string) => {
    process.stderr.write(`${message}\n`);
    return 2;
  };
  const lessonsDir = path.resolve(args.lessonsDir);
  const lessonFile = (path.isAbsolute(args.lessonFile) ? path.relative(lessonsDir, args.lessonFile) : args.lessonFile).split(path.sep).join("/");
  const lesson = readLessonFile(lessonsDir, lessonFile);
  if (lesson.problem)
    return fail(`${lesson.problem.message}${lesson.problem.code === FILE_PROBLEM_CODES.notFound ? await lessonHint(lessonsDir, lessonFile) : ""}`);
  const outFile = args.out ? path.resolve(args.out) : null;
  const refusal = `refusing to overwrite ${outFile}: --out writes a new file; choose another name or remove it first`;
  if (outFile && exists(outFile)) return fail(refusal);
  const stale = outFile ? baselineProblem(outFile, lessonFile, lesson.lines) : undefined;
  if (stale) return fail(stale);
  const schema = outFile ? path.relative(path.dirname(outFile), SCHEMA_FILE).split(path.sep).join("/") : undefined;
  let text: string;
  try {
    text = scaffoldScenario({ lessonFile, lines: lesson.lines, section: args.section ?? undefined, knownImages: ImageCatalog.refs, schema });
  } catch (error) {
    if (error instanceof ScaffoldError) return fail(error.message);
    throw error;
  }
  if (!outFile) {
    process.stdout.write(text);
    return 0;
  }
  await mkdir(path.dirname(outFile), { recursive: true });
  try {
    await writeFile(outFile, text, { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return fail(refusal);
    throw error;
  }
  const { problems, scenario } = await loadScenarioFile(outFile, { lessonsDir, knownImages: ImageCatalog.refs });
  for (const problem of problems) process.stderr.write(`${formatProblem(problem)}\n`);
  // Its claims are bound to the lesson as it is now: the baseline is recorded with the draft (not in CI, see validate).
  if (scenario && defaultBaselinePolicy() === "record")
    for (const baseline of await recordMissingBaselines([scenario]))
      process.stdout.write(
        `recorded ${path.relative(process.cwd(), baseline)}: the lesson text the draft is written against; commit it with the draft\n`,
      );
  process.stdout.write(
    problems.length
      ? `wrote ${outFile}; it does not validate there (${problems.length} problem${problems.length === 1 ? "" : "s"} above)\n`
      : `wrote ${outFile}; it validates. Next: settle its TODOs, then dockproof run ${args.out}\n`,
  );
  return problems.length ? 1 : 0;
}
