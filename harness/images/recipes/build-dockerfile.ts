import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { BuildTarget, RecipeContext } from "../types.js";

/**
 * The last step of every recipe that builds: its Dockerfile text written into the prepared context, built under the
 * target's tag with the target's labels. `what` says what the image is, for a failure's words ("nginx stand-in, Debian's nginx").
 */
export async function buildDockerfile(context: RecipeContext, target: BuildTarget, text: string, what: string): Promise<void> {
  await writeFile(path.join(target.contextDir, "Dockerfile"), text);
  await context.docker.build({
    contextDir: target.contextDir,
    tag: target.localRef,
    labels: target.labels,
    what: `docker build of ${target.localRef} (${what})`,
  });
}
