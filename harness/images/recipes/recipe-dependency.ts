import { ImageError } from "../../support/errors.js";
import type { PreparedImage, RecipeContext } from "../types.js";

/**
 * The prepared image a recipe builds FROM. The orchestrator prepares `dependsOn` before `plan`,
 * so a miss means a recipe forgot to declare what it uses: a programming error, said plainly.
 */
export function requireDependency(context: RecipeContext, ref: string): PreparedImage {
  const image = context.dependencies.get(ref);
  if (!image) {
    throw new ImageError(
      "IMAGE_RECIPE_INVALID",
      `Recipe needs ${ref} but it was not prepared: expected it in dependsOn, received [${[...context.dependencies.keys()].join(", ")}]`,
    );
  }
  return image;
}
