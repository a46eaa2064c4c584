import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Recipe } from "../types.js";
import { aptInstall, dockerfile, fromLine } from "./dockerfile-snippets.js";
import { requireDependency } from "./recipe-dependency.js";

/** docker.io pulls in containerd, runc and tini (PID 1 in the entrypoint) as dependencies. */
export const DIND_PACKAGES = ["docker.io", "iptables", "ca-certificates"] as const;

const ENTRYPOINT_FILE = "dockerd-entrypoint.sh";

/** Read at plan time: the script's exact text is a recipe input. */
async function readEntrypoint(): Promise<string> {
  return readFile(new URL(`./${ENTRYPOINT_FILE}`, import.meta.url), "utf8");
}

export function dindDockerfile(baseLocalRef: string): string {
  return dockerfile(
    fromLine(baseLocalRef),
    aptInstall(DIND_PACKAGES),
    // The classic builder has no COPY --chmod; the file is written 0755 into the context instead.
    `COPY ${ENTRYPOINT_FILE} /usr/local/bin/${ENTRYPOINT_FILE}`,
    // Inner images must not live on the container's overlay root (overlay-on-overlay fails).
    "VOLUME /var/lib/docker",
    "EXPOSE 2375",
    `ENTRYPOINT ["${ENTRYPOINT_FILE}"]`,
    "CMD []",
  );
}

/**
 * Offline stand-in for `docker:dind`, the daemon each sandbox runs. Debian's docker.io plus an
 * entrypoint that accepts the official image's arguments, so the sandbox module starts either
 * image the same way.
 */
export function dockerDindRecipe(baseRef: string): Recipe {
  return {
    dependsOn: [baseRef],
    async plan(context) {
      const base = requireDependency(context, baseRef);
      const text = dindDockerfile(base.localRef);
      const entrypoint = await readEntrypoint();
      return {
        inputs: { kind: "dockerfile", dockerfile: text, packages: [...DIND_PACKAGES], files: { [ENTRYPOINT_FILE]: entrypoint } },
        async build(target) {
          await writeFile(path.join(target.contextDir, "Dockerfile"), text);
          await writeFile(path.join(target.contextDir, ENTRYPOINT_FILE), entrypoint, { mode: 0o755 });
          await context.docker.build({
            contextDir: target.contextDir,
            tag: target.localRef,
            labels: target.labels,
            what: `docker build of ${target.localRef} (docker:dind stand-in)`,
          });
        },
      };
    },
  };
}
