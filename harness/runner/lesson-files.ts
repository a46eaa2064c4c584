import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { ScenarioPlan } from "../scenario/plan.js";

/** The lesson's own text as files in the run's working folder (a Dockerfile block), before the first step. */
export async function writeLessonFiles(plan: ScenarioPlan, workdir: string): Promise<void> {
  for (const file of plan.lessonFiles) {
    const target = path.resolve(workdir, file.path);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.text);
  }
}
