/** `lessonFiles`: each lands in the working folder, so its path must stay inside it, and no two may share one. */
import path from "node:path";
import { PROBLEM_CODES, type PathProblem } from "./problem.js";
import { isRecord, valueAt } from "./raw-data.js";

export function checkLessonFiles(root: unknown): PathProblem[] {
  const files = valueAt(root, ["lessonFiles"]);
  if (!Array.isArray(files)) return [];
  const seen = new Set<string>();
  return files.flatMap((file, index): PathProblem[] => {
    if (!isRecord(file) || typeof file.path !== "string" || file.path === "") return [];
    const at = ["lessonFiles", index, "path"];
    const normal = path.posix.normalize(file.path);
    if (path.isAbsolute(file.path) || normal === ".." || normal.startsWith("../")) {
      return [
        {
          path: at,
          code: PROBLEM_CODES.workdir,
          message: `expected a path inside the working folder (like "Dockerfile"), found ${JSON.stringify(file.path)}`,
        },
      ];
    }
    if (seen.has(normal))
      return [
        { path: at, code: PROBLEM_CODES.workdir, message: `expected each lesson file at its own path, found ${JSON.stringify(file.path)} twice` },
      ];
    seen.add(normal);
    const lines = file.lines;
    if (Array.isArray(lines) && typeof lines[0] === "number" && typeof lines[1] === "number" && lines[0] > lines[1]) {
      return [
        {
          path: ["lessonFiles", index, "lines"],
          code: PROBLEM_CODES.lesson,
          message: `expected [from, to] with from <= to, found [${lines[0]}, ${lines[1]}]`,
        },
      ];
    }
    return [];
  });
}
