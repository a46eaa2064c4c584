/**
 * `dockerfileLessonLine: N` on a `docker build` step says the Dockerfile it builds IS the lesson's, starting at
 * lesson line N. The loader proves it, line for line, so "used exactly as written" is checked, not promised; the
 * runner then cites the lesson line of the instruction a build fails at, not just the build command's.
 */
import path from "node:path";
import { expandCommand, type ParsedCommand } from "../commands/command-line.js";
import { buildInvocation } from "../commands/docker-argv.js";
import { lessonLines as textLines } from "../lesson/lesson-file.js";
import { FILE_PROBLEM_CODES, readDockerfile } from "../lesson/untrusted-file.js";
import { PROBLEM_CODES, type PathProblem } from "./problem.js";
import { isRecord, rawSteps } from "./raw-data.js";
import { resolveWorkdir } from "./workdir-checks.js";

export function checkLessonDockerfiles(
  root: unknown,
  scenarioFile: string,
  commands: ReadonlyMap<number, ParsedCommand>,
  lessonLines: readonly string[],
): PathProblem[] {
  if (!isRecord(root)) return [];
  const workdir = typeof root.workdir === "string" ? resolveWorkdir(scenarioFile, root.workdir) : path.dirname(path.resolve(scenarioFile));
  return rawSteps(root).flatMap((step, index): PathProblem[] => {
    if (!isRecord(step) || typeof step.dockerfileLessonLine !== "number") return [];
    const at = ["steps", index, "dockerfileLessonLine"];
    const command = commands.get(index);
    const invocation = command ? buildInvocation(expandCommand(command, Object.fromEntries(command.variables.map((name) => [name, name])))) : null;
    if (!invocation)
      return [
        {
          path: at,
          atKey: true,
          code: PROBLEM_CODES.lesson,
          message: "expected `dockerfileLessonLine` on a `docker build` step, found it on another command",
        },
      ];
    const file = path.resolve(workdir, invocation.dockerfile ?? path.join(invocation.context, "Dockerfile"));
    const read = readDockerfile(workdir, `the folder it builds in ${workdir}`, path.relative(workdir, file));
    if (read.problem?.code === FILE_PROBLEM_CODES.notFound)
      return [{ path: at, code: PROBLEM_CODES.lesson, message: `expected the Dockerfile this step builds at ${file}, found none` }];
    if (read.problem) return [{ path: at, code: read.problem.code, message: read.problem.message }];
    const lines = textLines(read.text);
    const start = step.dockerfileLessonLine;
    for (const [offset, line] of lines.entries()) {
      const lessonLine = lessonLines[start - 1 + offset];
      if (lessonLine === undefined || lessonLine.trimEnd() !== line.trimEnd()) {
        return [
          {
            path: at,
            code: PROBLEM_CODES.quote,
            message: `expected ${path.basename(file)} line ${offset + 1} to be lesson line ${start + offset} verbatim (${JSON.stringify(lessonLine ?? "<end of lesson>")}), found ${JSON.stringify(line)}`,
          },
        ];
      }
    }
    return [];
  });
}
