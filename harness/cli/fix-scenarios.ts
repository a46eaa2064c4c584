/**
 * `dockproof fix`: after a lesson was edited, rewrites the line numbers (and a renamed section heading) in the
 * scenario files to where their text is now, in place and keeping every comment and the layout, then records the
 * lesson as the new baseline. All the scenarios sharing a baseline are fixed together, or none is.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { BASELINE_DIR, findBaselineDir, writeBaseline } from "../lesson/baseline.js";
import { findScenarioFiles, formatProblem, type LoadedScenario, loadScenarios } from "../scenario/index.js";
import { applyEdits, EditableScenario, type SourceEdit } from "../scenario/source-edits.js";
import { ImageCatalog } from "../images/index.js";

export interface FixResult {
  /** Problems that stop the fix (text gone from the lesson): nothing was written. */
  problems: string[];
  /** One line per change, "file: steps[1].run.lesson 95 -> 96". */
  changes: string[];
  /** Baselines written. */
  baselines: string[];
}

const toPath = (key: string) => key.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part));

function editsFor(scenario: LoadedScenario, text: string): { edits: SourceEdit[]; changes: string[] } {
  const editable = new EditableScenario(text);
  const edits: SourceEdit[] = [];
  const changes: string[] = [];
  for (const [key, line] of scenario.referenceLines) {
    const node = editable.node(toPath(key)) as { value?: unknown } | undefined;
    if (!node || node.value === line) continue;
    const edit = editable.replaceValue(toPath(key), String(line));
    if (!edit) continue;
    edits.push(edit);
    changes.push(`${scenario.file}: ${key} ${String(node.value)} -> ${line}`);
  }
  const section = editable.node(["lesson", "section"]) as { value?: unknown } | undefined;
  if (section && typeof section.value === "string" && section.value.trim() !== scenario.scenario.lesson.section) {
    const edit = editable.replaceValue(["lesson", "section"], JSON.stringify(scenario.scenario.lesson.section));
    if (edit) {
      edits.push(edit);
      changes.push(`${scenario.file}: lesson.section ${JSON.stringify(section.value)} -> ${JSON.stringify(scenario.scenario.lesson.section)}`);
    }
  }
  return { edits, changes };
}

/** The scenario files the fix must cover: every one under each baseline folder's parent, plus the given ones. */
async function scenarioFilesFor(paths: readonly string[]): Promise<{ files: string[]; baselineDirs: Map<string, string> }> {
  const files = new Set<string>();
  const baselineDirs = new Map<string, string>();
  for (const entry of paths) {
    const isFile = /\.ya?ml$/i.test(entry);
    const list = isFile ? [entry] : await findScenarioFiles(entry);
    for (const file of list) {
      // No baseline yet: the folder given (or the file's) gets one.
      const dir = findBaselineDir(file) ?? path.join(path.resolve(isFile ? path.dirname(entry) : entry), BASELINE_DIR);
      baselineDirs.set(path.resolve(file), dir);
      files.add(path.resolve(file));
      for (const sibling of await findScenarioFiles(path.dirname(dir)).catch(() => [])) {
        files.add(path.resolve(sibling));
        baselineDirs.set(path.resolve(sibling), dir);
      }
    }
  }
  return { files: [...files].sort(), baselineDirs };
}

export async function fixScenarios(paths: readonly string[], lessonsDir: string): Promise<FixResult> {
  const { files, baselineDirs } = await scenarioFilesFor(paths);
  const { scenarios, problems } = await loadScenarios(files, { lessonsDir, knownImages: ImageCatalog.refs });
  if (problems.length > 0) return { problems: problems.map(formatProblem), changes: [], baselines: [] };
  const writes: Array<{ file: string; text: string }> = [];
  const changes: string[] = [];
  for (const scenario of scenarios) {
    const text = await readFile(scenario.absoluteFile, "utf8");
    const fixed = editsFor(scenario, text);
    if (fixed.edits.length > 0) writes.push({ file: scenario.absoluteFile, text: applyEdits(text, fixed.edits) });
    changes.push(...fixed.changes);
  }
  for (const write of writes) await writeFile(write.file, write.text);
  const baselines = new Map<string, { dir: string; lesson: string; text: string }>();
  for (const scenario of scenarios) {
    const dir = baselineDirs.get(scenario.absoluteFile) ?? path.join(path.dirname(scenario.absoluteFile), BASELINE_DIR);
    const lesson = scenario.scenario.lesson.file;
    baselines.set(`${dir}|${lesson}`, { dir, lesson, text: `${scenario.lesson.lines.join("\n")}\n` });
  }
  const written: string[] = [];
  for (const { dir, lesson, text } of baselines.values()) written.push(await writeBaseline(dir, lesson, text));
  return { problems: [], changes, baselines: written };
}
