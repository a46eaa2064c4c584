/**
 * The images steps need, in step order: what `docker run`, `docker create` and `docker pull` name (shell lines too,
 * segment by segment), what the Dockerfiles their builds read start FROM, and what their compose files' services run.
 * Images the steps' own builds or `docker tag` produce earlier are made, not needed (an image the lesson pushes to a
 * registry of its own and pulls back is one it tagged); names holding a variable are known only at run time.
 */
import path from "node:path";
import { DockerfileParser } from "dockerfile-ast";
import { commandsOf } from "../commands/command-segments.js";
import { composeFilesOf } from "./compose-files.js";
import { BUILD_COMMANDS, BUILD_OPTIONS, buildInvocation, commandPrefix, CREATE_COMMANDS, RUN_OPTIONS, walkOptions } from "../commands/docker-argv.js";
import { readDockerfile } from "../lesson/untrusted-file.js";
import { sameImage } from "./image-reference.js";

/** Where the steps' files are read. */
export interface ImageSource {
  /** Where the steps run: the workdir, or the scenario's folder; null when the workdir is a problem (or not known yet). */
  cwd: string | null;
  cwdName: string;
  /** `lessonFiles` as they will be written into the working folder (path -> text). */
  lessonFiles: ReadonlyMap<string, string>;
}

export interface ImageReferenceInput extends ImageSource {
  /** What each step runs (its own text or its lesson line's), by step; null for checks. */
  commandTexts: ReadonlyArray<string | null>;
}

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

/**
 * An image a step needs that no step before it made, in step order, with the words saying it is missing from the
 * list shown; or (ref null) a compose file the step reads that cannot be read.
 */
export interface ImageNeed {
  step: number;
  ref: string | null;
  /** The file and line naming it, for a Dockerfile's FROM or a compose file's service. */
  source?: { file: string; line: number };
  says: (shown: string) => string;
}

const notListed = (shown: string) => `expected it in ${shown} (add it there, so it is pulled or substituted before the sandbox starts)`;

/** What the steps need, whatever `images:` lists: `scaffold` drafts its list from this, the loader checks it. */
export function imageNeeds(steps: ReadonlyArray<{ text: string | null; shell: boolean }>, input: ImageSource): ImageNeed[] {
  const made = new Set<string>();
  const needs: ImageNeed[] = [];
  const unmade = (ref: string) => !ref.includes("${") && ![...made].some((image) => sameImage(image, ref));
  steps.forEach(({ text, shell }, step) => {
    if (text === null) return;
    for (const argv of commandsOf(text, shell)) {
      const { needs: named, makes, build } = imagesOf(argv);
      for (const ref of named.filter(unmade))
        needs.push({ step, ref, says: (shown) => `\`${argv.slice(0, 2).join(" ")}\` names the image ${JSON.stringify(ref)}: ${notListed(shown)}` });
      if (build) needs.push(...fromNeeds(build, input, step, unmade));
      for (const ref of makes) made.add(ref);
      needs.push(...composeNeeds(argv, input, step, unmade, made));
    }
  });
  return needs;
}

/**
 * A compose file's services: an `image:` without `build:` is pulled (it must be listed, as for `docker run`); a
 * `build:` reads a Dockerfile whose FROMs must be, and its `image:` is then the tag the build makes.
 */
function composeNeeds(argv: readonly string[], input: ImageSource, step: number, unmade: (ref: string) => boolean, made: Set<string>): ImageNeed[] {
  const { uses, problems: unreadable } = composeFilesOf(argv, input);
  const needs: ImageNeed[] = unreadable.map((message) => ({ step, ref: null, says: () => message }));
  for (const use of uses) {
    for (const service of use.compose.services) {
      if (service.build) {
        const context = path.posix.join(use.directory, service.build.context);
        const dockerfile = service.build.dockerfile === null ? null : path.posix.join(context, service.build.dockerfile);
        needs.push(...fromNeeds({ context, dockerfile }, input, step, unmade));
        if (service.image) made.add(service.image);
      } else if (service.image && unmade(service.image)) {
        const ref = service.image;
        needs.push({
          step,
          ref,
          source: { file: use.file, line: service.line },
          says: (shown) => `${use.file}:${service.line}: service ${service.name} runs the image ${JSON.stringify(ref)}: ${notListed(shown)}`,
        });
      }
    }
  }
  return needs;
}

/** The FROM images of the Dockerfile a build reads: a lesson file, else the working folder's (when there is one). */
function fromNeeds(
  build: NonNullable<ReturnType<typeof buildInvocation>>,
  input: ImageSource,
  step: number,
  unmade: (ref: string) => boolean,
): ImageNeed[] {
  const name = build.dockerfile ?? path.join(build.context, "Dockerfile");
  if (name.includes("${") || name === "-" || /^[a-z][a-z0-9+.-]*:\/\//i.test(build.context)) return [];
  const normal = path.posix.normalize(name);
  const text = input.lessonFiles.get(normal) ?? (input.cwd === null ? undefined : readDockerfile(input.cwd, input.cwdName, name).text);
  if (text === undefined) return []; // a Dockerfile that is not there (yet) is the build's to report
  return dockerfileFroms(text)
    .filter(({ ref }) => unmade(ref))
    .map(({ ref, line }) => ({
      step,
      ref,
      source: { file: normal, line },
      says: (shown: string) =>
        `${normal}:${line}: FROM ${JSON.stringify(ref)}: expected the image in ${shown} (add it there, or build FROM one that is)`,
    }));
}
