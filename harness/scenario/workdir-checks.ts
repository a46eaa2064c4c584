/**
 * `workdir`: the folder a learner's commands run in (the lesson's "clone the repo"). The runner copies it to a
 * fresh temporary folder per run, so builds and source edits never touch the checkout. It must exist and stay
 * inside the scenario's project (the nearest ancestor with .git or package.json): a scenario file may not pull
 * arbitrary host folders into build contexts.
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { PROBLEM_CODES, type PathProblem } from "./problem.js";
import { isRecord } from "./raw-data.js";

export function projectRoot(scenarioFile: string): string {
  let dir = path.dirname(path.resolve(scenarioFile));
  for (;;) {
    if (existsSync(path.join(dir, ".git")) || existsSync(path.join(dir, "package.json"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.dirname(path.resolve(scenarioFile));
    dir = parent;
  }
}

export function resolveWorkdir(scenarioFile: string, workdir: string): string {
  return path.resolve(path.dirname(path.resolve(scenarioFile)), workdir);
}

export function checkWorkdir(root: unknown, scenarioFile: string): PathProblem[] {
  if (!isRecord(root) || typeof root.workdir !== "string" || root.workdir === "") return [];
  const problem = (message: string): PathProblem[] => [{ path: ["workdir"], code: PROBLEM_CODES.workdir, message }];
  if (path.isAbsolute(root.workdir))
    return problem(`expected a folder relative to the scenario file, found the absolute path ${JSON.stringify(root.workdir)}`);
  const resolved = resolveWorkdir(scenarioFile, root.workdir);
  const project = projectRoot(scenarioFile);
  const relative = path.relative(project, resolved);
  if (relative.startsWith("..") || path.isAbsolute(relative)) {
    return problem(
      `expected a folder inside the scenario's project (${project}), found ${JSON.stringify(root.workdir)}, which resolves to ${resolved}`,
    );
  }
  if (!existsSync(resolved) || !statSync(resolved).isDirectory())
    return problem(`expected an existing folder, found nothing at ${JSON.stringify(root.workdir)} (${resolved})`);
  return [];
}
