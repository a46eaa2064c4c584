/**
 * The images a section needs, guessed from its text: what its `docker run` and `docker pull` commands name and what
 * its Dockerfile blocks start FROM. An image a `docker build` of the section tags is built, not needed; one that
 * dockproof's catalog does not know cannot go into `images:` (the loader refuses it), so it is listed for the author.
 */
import { DockerfileParser } from "dockerfile-ast";
import type { CommandFacts } from "./command-facts.js";
import type { DockerfileBlock } from "../lesson/lesson-text.js";

export interface ImageGuess {
  /** Refs the catalog knows, in order of first mention. */
  known: string[];
  /** Refs it does not, each with the first line naming it. */
  unknown: Array<{ ref: string; line: number }>;
}

const untagged = (ref: string) => ref.replace(/:latest$/, "");

/** A block's FROM images (read by dockerfile-ast), without `scratch` and earlier stages (`FROM build` after `... AS build`). */
export function fromImages(lines: readonly string[], block: DockerfileBlock): Array<{ ref: string; line: number }> {
  const stages = new Set<string>();
  return DockerfileParser.parse(lines.slice(block.from - 1, block.to).join("\n"))
    .getFROMs()
    .flatMap((from) => {
      const ref = from.getImage();
      const earlier = ref === null || stages.has(ref.toLowerCase()) || ref.toLowerCase() === "scratch";
      const stage = from.getBuildStage();
      if (stage) stages.add(stage.toLowerCase());
      return earlier ? [] : [{ ref, line: block.from + from.getRange().start.line }];
    });
}

export function guessImages(
  lines: readonly string[],
  commands: readonly CommandFacts[],
  blocks: readonly DockerfileBlock[],
  knownImages: readonly string[],
): ImageGuess {
  const built = new Set(commands.flatMap((command) => command.builds ?? []).map(untagged));
  const named = [
    ...commands.flatMap((command) => [command.run?.image, command.pulls].flatMap((ref) => (ref ? [{ ref, line: command.line }] : []))),
    ...blocks.flatMap((block) => fromImages(lines, block)),
  ].sort((a, b) => a.line - b.line);
  const guess: ImageGuess = { known: [], unknown: [] };
  for (const { ref, line } of named) {
    if (ref.includes("${") || built.has(untagged(ref))) continue;
    if (knownImages.includes(ref)) {
      if (!guess.known.includes(ref)) guess.known.push(ref);
    } else if (!guess.unknown.some((entry) => entry.ref === ref)) guess.unknown.push({ ref, line });
  }
  return guess;
}
