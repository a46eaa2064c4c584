/**
 * The images a scenario's steps name must be in its `images:`: what `docker run`, `docker create` and `docker pull`
 * name (shell lines too, segment by segment), and what the Dockerfiles its builds read start FROM. `images:` is what
 * gets pulled or substituted before the sandbox starts, so an image missing from it would be a pull inside the
 * sandbox, which fails offline with an error that says nothing of the scenario. Images the scenario's own builds or
 * `docker tag` produce are built, not needed; names holding a variable are known only at run time.
 */
import path from "node:path";
import { DockerfileParser } from "dockerfile-ast";
import { commandsOf } from "../commands/command-segments.js";
import { composeFilesOf } from "./compose-files.js";
import { BUILD_COMMANDS, BUILD_OPTIONS, buildInvocation, commandPrefix, CREATE_COMMANDS, RUN_OPTIONS, walkOptions } from "../commands/docker-argv.js";
import { readDockerfile } from "../lesson/untrusted-file.js";
import { sameImage } from "./image-reference.js";
import { PROBLEM_CODES, type PathProblem } from "./problem.js";
import { isRecord, rawSteps } from "./raw-data.js";

const PULL_COMMANDS = [
  ["docker", "pull"],
  ["docker", "image", "pull"],
];
const PULL_OPTIONS = { short: new Set<string>(), long: new Set(["platform"]) };
const TAG_COMMANDS = [
  ["docker", "tag"],
  ["docker", "image", "tag"],
];

/** What one command needs (`docker run IMAGE`, `docker pull IMAGE`) and what it makes (`build -t`, `docker tag`). */
function imagesOf(argv: readonly string[]): { needs: string[]; makes: string[]; build: ReturnType<typeof buildInvocation> } {
  const none = { needs: [], makes: [], build: null };
  const create = commandPrefix(argv, CREATE_COMMANDS);
  // The first positional is the image; the ones after it are the container's command.
  if (create) return { ...none, needs: walkOptions(argv, create.length, RUN_OPTIONS, () => {}, false).slice(0, 1) };
  const pull = commandPrefix(argv, PULL_COMMANDS);
  if (pull) return { ...none, needs: walkOptions(argv, pull.length, PULL_OPTIONS, () => {}, false).slice(0, 1) };
  const tag = commandPrefix(argv, TAG_COMMANDS);
  if (tag) return { ...none, makes: argv.slice(tag.length + 1, tag.length + 2) };
  const build = buildInvocation(argv);
  const prefix = commandPrefix(argv, BUILD_COMMANDS);
  if (!build || !prefix) return none;
  const makes: string[] = [];
  const onTag = (name: string, value: string | undefined) => {
    if ((name === "t" || name === "tag") && value) makes.push(value);
  };
  walkOptions(argv, prefix.length, BUILD_OPTIONS, onTag, false);
  return { needs: [], makes, build };
}

/** A Dockerfile's FROM images with their line, without `scratch`, earlier stages and names built from ARGs. */
export function dockerfileFroms(text: string): Array<{ ref: string; line: number }> {
  const stages = new Set<string>();
  return DockerfileParser.parse(text)
    .getFROMs()
    .flatMap((from) => {
      const ref = from.getImage();
      const stage = from.getBuildStage();
      const skip = ref === null || ref.includes("$") || stages.has(ref.toLowerCase()) || ref.toLowerCase() === "scratch";
      if (stage) stages.add(stage.toLowerCase());
      return skip ? [] : [{ ref, line: from.getRange().start.line + 1 }];
    });
}

export interface ImageReferenceInput {
  /** Where the steps run: the workdir, or the scenario's folder; null when the workdir is itself a problem. */
  cwd: string | null;
  cwdName: string;
  /** What each step runs (its own text or its lesson line's), by step; null for checks. */
  commandTexts: ReadonlyArray<string | null>;
  /** `lessonFiles` as they will be written into the working folder (path -> text). */
  lessonFiles: ReadonlyMap<string, string>;
}

export function checkImageReferences(root: unknown, input: ImageReferenceInput): PathProblem[] {
  if (!isRecord(root) || !Array.isArray(root.images)) return [];
  const listed = root.images.filter((image): image is string => typeof image === "string");
  const shown = `images: [${listed.join(", ")}]`;
  const made = new Set<string>();
  const problems: PathProblem[] = [];
  const missing = (ref: string) =>
    !ref.includes("${") && !listed.some((image) => sameImage(image, ref)) && ![...made].some((image) => sameImage(image, ref));
  rawSteps(root).forEach((step, index) => {
    if (!isRecord(step) || "check" in step) return;
    const text = input.commandTexts[index];
    if (typeof text !== "string") return;
    const at = ["steps", index, "run"];
    for (const argv of commandsOf(text, step.shell === true)) {
      const { needs, makes, build } = imagesOf(argv);
      for (const ref of needs.filter(missing)) {
        problems.push({
          path: at,
          code: PROBLEM_CODES.image,
          message: `\`${argv.slice(0, 2).join(" ")}\` names the image ${JSON.stringify(ref)}: expected it in ${shown} (add it there, so it is pulled or substituted before the sandbox starts)`,
        });
      }
      if (build && input.cwd !== null) problems.push(...fromProblems(build, input, at, shown, missing));
      for (const ref of makes) made.add(ref);
      problems.push(...composeProblems(argv, input, at, shown, missing, made));
    }
  });
  return problems;
}

/**
 * A compose file's services: an `image:` without `build:` is pulled (it must be listed, as for `docker run`); a
 * `build:` reads a Dockerfile whose FROMs must be, and its `image:` is then the tag the build makes.
 */
function composeProblems(
  argv: readonly string[],
  input: ImageReferenceInput,
  at: Array<string | number>,
  shown: string,
  missing: (ref: string) => boolean,
  made: Set<string>,
): PathProblem[] {
  const { uses, problems: unreadable } = composeFilesOf(argv, input);
  const problems: PathProblem[] = unreadable.map((message) => ({ path: at, code: PROBLEM_CODES.workdir, message }));
  for (const use of uses) {
    for (const service of use.compose.services) {
      if (service.build) {
        const context = path.posix.join(use.directory, service.build.context);
        const dockerfile = service.build.dockerfile === null ? null : path.posix.join(context, service.build.dockerfile);
        if (input.cwd !== null) problems.push(...fromProblems({ context, dockerfile }, input, at, shown, missing));
        if (service.image) made.add(service.image);
      } else if (service.image && missing(service.image)) {
        problems.push({
          path: at,
          code: PROBLEM_CODES.image,
          message: `${use.file}:${service.line}: service ${service.name} runs the image ${JSON.stringify(service.image)}: expected it in ${shown} (add it there, so it is pulled or substituted before the sandbox starts)`,
        });
      }
    }
  }
  return problems;
}

function fromProblems(
  build: NonNullable<ReturnType<typeof buildInvocation>>,
  input: ImageReferenceInput,
  at: Array<string | number>,
  shown: string,
  missing: (ref: string) => boolean,
): PathProblem[] {
  const name = build.dockerfile ?? path.join(build.context, "Dockerfile");
  if (name.includes("${") || name === "-" || /^[a-z][a-z0-9+.-]*:\/\//i.test(build.context)) return [];
  const normal = path.posix.normalize(name);
  const text = input.lessonFiles.get(normal) ?? readDockerfile(input.cwd as string, input.cwdName, name).text;
  if (text === undefined) return []; // a Dockerfile that is not there (yet) is the build's to report
  return dockerfileFroms(text)
    .filter(({ ref }) => missing(ref))
    .map(({ ref, line }) => ({
      path: at,
      code: PROBLEM_CODES.image,
      message: `${normal}:${line}: FROM ${JSON.stringify(ref)}: expected the image in ${shown} (add it there, or build FROM one that is)`,
    }));
}
