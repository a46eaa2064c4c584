/** Loading a draft as `dockproof validate` loads it, for the scaffold's tests (temporary folders: the test run's own). */
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { ImageCatalog } from "../../images/catalog.js";
import { loadScenarioFile } from "../../scenario/index.js";
import { defaultLessonsDir } from "../../support/paths.js";

/** The draft loaded from a scenarios folder inside a project (a package.json), against the lessons in `lessonsDir`. */
export async function loadDraft(text: string, lessonsDir = defaultLessonsDir()) {
  const project = await mkdtemp(path.join(tmpdir(), "dockproof-scaffold-"));
  await writeFile(path.join(project, "package.json"), "{}\n");
  await mkdir(path.join(project, "scenarios", "drafts"), { recursive: true });
  const file = path.join(project, "scenarios", "drafts", "draft.yaml");
  await writeFile(file, text);
  return loadScenarioFile(file, { lessonsDir, knownImages: ImageCatalog.refs });
}

/** A lessons directory holding one lesson. */
export async function lessonsWith(name: string, lines: readonly string[]): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "dockproof-scaffold-lessons-"));
  await writeFile(path.join(dir, name), `${lines.join("\n")}\n`);
  return dir;
}
