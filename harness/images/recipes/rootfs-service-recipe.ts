/**
 * A stand-in that is one Debian package arranged as the real image is: a Dockerfile on the Debian base, the package
 * list and the recipe's own files (`COPY rootfs/ /`). nginx, redis and registry:2 differ only in those three things;
 * the plan (inputs hashed, the rootfs copied into the context, one build) is this one.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { Recipe } from "../types.js";
import { copyRootfs, rootfsDigests } from "./fixture-rootfs.js";
import { requireDependency } from "./recipe-dependency.js";

export interface RootfsServiceOptions {
  baseRef: string;
  /** The recipe's files under the repository, laid out as they land in the image. */
  rootfsDir: string;
  packages: readonly string[];
  dockerfile: (baseLocalRef: string) => string;
  /** What the build is, in a failure's words: "nginx stand-in, Debian's nginx". */
  what: string;
}

export function rootfsServiceRecipe(options: RootfsServiceOptions): Recipe {
  return {
    dependsOn: [options.baseRef],
    async plan(context) {
      const base = requireDependency(context, options.baseRef);
      const rootfs = path.join(context.repoRoot, options.rootfsDir);
      const files = await rootfsDigests(rootfs);
      const text = options.dockerfile(base.localRef);
      return {
        inputs: { kind: "dockerfile", dockerfile: text, packages: [...options.packages], rootfs: { ...files } },
        async build(target) {
          await copyRootfs(rootfs, path.join(target.contextDir, "rootfs"), files);
          await writeFile(path.join(target.contextDir, "Dockerfile"), text);
          await context.docker.build({
            contextDir: target.contextDir,
            tag: target.localRef,
            labels: target.labels,
            what: `docker build of ${target.localRef} (${options.what})`,
          });
        },
      };
    },
  };
}
