import path from "node:path";
import type { Recipe } from "../types.js";
import { copyRootfs, rootfsDigests } from "./fixture-rootfs.js";
import { buildDockerfile } from "./build-dockerfile.js";
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
          await buildDockerfile(context, target, text, options.what);
        },
      };
    },
  };
}
