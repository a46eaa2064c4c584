/**
 * The images a scenario's steps name must be in its `images:`: what `docker run`, `docker create` and `docker pull`
 * name (shell lines too, segment by segment), what the Dockerfiles its builds read start FROM, and what its compose
 * files' services run (image-needs.ts finds them all). `images:` is what gets pulled or substituted before the
 * sandbox starts, so an image missing from it would be a pull inside the sandbox, which fails offline with an error
 * that says nothing of the scenario.
 */
import { sameImage } from "./image-reference.js";
import { type ImageReferenceInput, imageNeeds } from "./image-needs.js";
import { PROBLEM_CODES, type PathProblem } from "./problem.js";
import { isRecord, rawSteps } from "./raw-data.js";

export type { ImageReferenceInput } from "./image-needs.js";

export function checkImageReferences(root: unknown, input: ImageReferenceInput): PathProblem[] {
  if (!isRecord(root) || !Array.isArray(root.images)) return [];
  const listed = root.images.filter((image): image is string => typeof image === "string");
  const shown = `images: [${listed.join(", ")}]`;
  const steps = rawSteps(root).map((step, index) => {
    const text = input.commandTexts[index];
    return isRecord(step) && !("check" in step) && typeof text === "string" ? { text, shell: step.shell === true } : { text: null, shell: false };
  });
  return imageNeeds(steps, input)
    .filter((need) => need.ref === null || !listed.some((image) => sameImage(image, need.ref as string)))
    .map((need) => ({
      path: ["steps", need.step, "run"],
      code: need.ref === null ? PROBLEM_CODES.workdir : PROBLEM_CODES.image,
      message: need.says(shown),
    }));
}
