/**
 * The files a scenario makes dockproof (and the docker CLI) read on the host: a `docker build` step's context
 * folder and Dockerfile (named with `-f`, or the context's own), and the Dockerfile an `image-layers` check reads.
 * The docker CLI resolves symlinks in both, so a Dockerfile that is a symlink to /etc/passwd would be sent to the
 * builder and echoed back in its errors. Build names are checked as written elsewhere (no `..`, not absolute);
 * here their real paths are, and the Dockerfile is read by the rules for untrusted files. A file that is not
 * there is the build's (or the check's) to report.
 */
import { existsSync, lstatSync } from "node:fs";
import path from "node:path";
import { CommandLineError, expandCommand, parseCommandLine } from "../commands/command-line.js";
import { buildInvocation } from "../commands/docker-argv.js";
import { checkFor } from "../checks/index.js";
import type { PathProblem } from "./problem.js";
import { isRecord, rawSteps } from "./raw-data.js";
import { FILE_PROBLEM_CODES, isInside, readDockerfile, realPath } from "../lesson/untrusted-file.js";

/** A Dockerfile is a page of instructions; the same limit as a scenario file. */

/** Something is there, even a symlink to nothing. */
function hasEntry(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

// Not a folder on this host: stdin, a URL, a git remote.
const REMOTE_CONTEXT = /^(-|[a-z][a-z0-9+.-]*:\/\/.*|git@.*)$/i;

/** `cwd` is the folder the steps run in (the workdir, or the scenario's folder); `cwdName` says which, for messages. */
export function checkBuildFiles(root: unknown, cwd: string, cwdName: string): PathProblem[] {
  const problems: PathProblem[] = [];
  const realCwd = realPath(cwd);
  const dockerfileProblem = (name: string) => {
    if (name === "" || name.includes("${") || !hasEntry(path.resolve(cwd, name))) return undefined;
    const read = readDockerfile(cwd, cwdName, name);
    return read.problem && read.problem.code !== FILE_PROBLEM_CODES.notFound ? read.problem : undefined;
  };
  rawSteps(root).forEach((step, index) => {
    const readsFiles = isRecord(step) && typeof step.check === "string" ? (checkFor(step.check)?.workdirFiles ?? []) : [];
    for (const { field, fallback } of readsFiles) {
      // The check reads this file (in the folder the steps run in) and shows what it found.
      const named = isRecord(step) && typeof step[field] === "string";
      const name = named && isRecord(step) ? (step[field] as string) : fallback;
      const at = named ? ["steps", index, field] : ["steps", index];
      const resolved = path.resolve(cwd, name);
      // Nothing else checks this name as written, so a path that leaves the folder is refused even if missing.
      const problem = isInside(path.resolve(cwd), resolved)
        ? dockerfileProblem(name)
        : {
            code: FILE_PROBLEM_CODES.outside,
            message: `Dockerfile ${JSON.stringify(name)}: expected a path inside ${cwdName}, found ${resolved}, outside it`,
          };
      if (problem) problems.push({ path: at, ...problem });
    }
    if (readsFiles.length > 0) return;
    if (!isRecord(step) || typeof step.run !== "string") return;
    let argv: string[];
    try {
      const command = parseCommandLine(step.run);
      argv = expandCommand(command, Object.fromEntries(command.variables.map((name) => [name, `\${${name}}`])));
    } catch (error) {
      if (error instanceof CommandLineError) return; // reported by the run-step checks
      throw error;
    }
    const build = buildInvocation(argv);
    if (!build || build.context.includes("${")) return; // a captured value is checked when it is known
    const report = (code: string, message: string) => problems.push({ path: ["steps", index, "run"], code, message });
    // A name that leaves the folder as written is the command checks' to report; here only symlinks are.
    const written = (name: string) => isInside(path.resolve(cwd), path.resolve(cwd, name));
    if (!REMOTE_CONTEXT.test(build.context)) {
      const context = path.resolve(cwd, build.context);
      if (!written(build.context)) return;
      const real = existsSync(context) ? realPath(context) : undefined;
      if (real !== undefined && !isInside(realCwd, real)) {
        report(
          FILE_PROBLEM_CODES.outside,
          `build context ${JSON.stringify(build.context)}: expected a folder inside ${cwdName}, found a path through a symlink, which resolves to ${real}, outside it`,
        );
        return;
      }
    }
    const dockerfile = build.dockerfile ?? (REMOTE_CONTEXT.test(build.context) ? null : path.join(build.context, "Dockerfile"));
    if (dockerfile === null || dockerfile === "-" || dockerfile.includes("${") || !written(dockerfile)) return;
    const problem = dockerfileProblem(dockerfile);
    if (problem) report(problem.code, problem.message);
  });
  return problems;
}
