/**
 * `workdir`: the folder a learner's commands run in (the lesson's "clone the repo"). The runner copies it to a
 * fresh temporary folder per run, so builds and source edits never touch the checkout. It must exist and stay
 * inside the scenario's project (the nearest ancestor with .git or package.json), by its name and by its real
 * path: a scenario file may not pull arbitrary host folders into build contexts. Its symlinks must stay inside it,
 * and the build contexts and Dockerfiles the steps name (in the workdir, or else the scenario's folder) are
 * checked as untrusted files.
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { checkBuildFiles } from "./build-files.js";
import { isInside, realPath } from "../lesson/untrusted-file.js";
import { describeLink, LINK_RULE, leavingLinks, workdirLinks } from "../lesson/workdir-links.js";
import { PROBLEM_CODES, type PathProblem } from "./problem.js";
import { isRecord } from "./raw-data.js";

// A workdir full of bad links gets a few named, then a count: enough to fix, not a flood.
const LINKS_SHOWN = 5;

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

function workdirProblems(workdir: string, scenarioFile: string): string[] {
  if (path.isAbsolute(workdir)) return [`expected a folder relative to the scenario file, found the absolute path ${JSON.stringify(workdir)}`];
  const resolved = resolveWorkdir(scenarioFile, workdir);
  const project = projectRoot(scenarioFile);
  const relative = path.relative(project, resolved);
  const outside = `expected a folder inside the scenario's project (${project}), found ${JSON.stringify(workdir)}, which resolves to`;
  if (relative.startsWith("..") || path.isAbsolute(relative)) return [`${outside} ${resolved}`];
  if (!existsSync(resolved) || !statSync(resolved).isDirectory())
    return [`expected an existing folder, found nothing at ${JSON.stringify(workdir)} (${resolved})`];
  const real = realPath(resolved);
  if (!isInside(realPath(project), real)) return [`${outside} ${real} through a symlink`];
  const leaving = leavingLinks(real, workdirLinks(real));
  const shown = leaving.slice(0, LINKS_SHOWN).map((link) => `expected ${LINK_RULE}, found ${describeLink(link)}`);
  const more = leaving.length - shown.length;
  return more > 0 ? [...shown, `expected ${LINK_RULE}, found ${more} more symlinks that leave it`] : shown;
}

export function checkWorkdir(root: unknown, scenarioFile: string): PathProblem[] {
  if (!isRecord(root)) return [];
  if (typeof root.workdir === "string" && root.workdir !== "") {
    const problems = workdirProblems(root.workdir, scenarioFile);
    if (problems.length > 0) return problems.map((message) => ({ path: ["workdir"], code: PROBLEM_CODES.workdir, message }));
    const workdir = resolveWorkdir(scenarioFile, root.workdir);
    return checkBuildFiles(root, workdir, `the workdir ${workdir}`);
  }
  if (root.workdir !== undefined) return []; // the schema reports a workdir that is not a folder name
  const folder = path.dirname(path.resolve(scenarioFile));
  return checkBuildFiles(root, folder, `the scenario's folder ${folder}`);
}
