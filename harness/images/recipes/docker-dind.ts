import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Recipe } from "../types.js";
import { aptInstall, dockerfile, fromLine } from "./dockerfile-snippets.js";
import { buildDockerfile } from "./build-dockerfile.js";
import { requireDependency } from "./recipe-dependency.js";

/** docker.io pulls in containerd, runc and tini (PID 1 in the entrypoint) as dependencies. */
export const DIND_PACKAGES = ["docker.io", "iptables", "ca-certificates"] as const;

/**
 * From trixie on, Debian splits the CLI out of docker.io and ships BuildKit's client as the buildx
 * plugin: with it, `docker build` inside the sandbox is BuildKit, as on a learner's Docker 23+.
 */
export const DIND_BUILDX_PACKAGES = ["docker.io", "docker-buildx", "docker-cli", "docker-compose", "iptables", "ca-certificates"] as const;

/** Where Debian's docker-compose package puts the plugin; the 20.10 CLI looks there too. */
export const COMPOSE_PLUGIN_PATH = "/usr/libexec/docker/cli-plugins/docker-compose";
/** The package that brings it (trixie: compose 2.26; bookworm has only the Python compose 1.29, no plugin). */
export const COMPOSE_PACKAGE = "docker-compose";
/** The build stage that installs it on a newer suite, for a base whose own suite has no plugin. */
const COMPOSE_STAGE = "compose-plugin";

export interface DindRecipeOptions {
  /** The Debian base to build FROM (a catalog ref). */
  baseRef: string;
  /** Installed in this order with apt; must bring dockerd, containerd, runc, tini and iptables. */
  packages: readonly string[];
  /** The image it stands in for, in build logs (`docker:28-dind`). */
  standsInFor: string;
  /**
   * A Debian base (a catalog ref) whose suite packages the compose plugin, for a base whose own suite does not
   * (bookworm): the plugin binary is installed there in a build stage and copied over. It needs glibc 2.34, bookworm
   * has 2.36. Omitted: `packages` bring compose themselves, or the image has none.
   */
  composeFrom?: string;
}

const ENTRYPOINT_FILE = "dockerd-entrypoint.sh";

/** Read at plan time: the script's exact text is a recipe input. */
async function readEntrypoint(): Promise<string> {
  return readFile(new URL(`./${ENTRYPOINT_FILE}`, import.meta.url), "utf8");
}

export function dindDockerfile(baseLocalRef: string, packages: readonly string[] = DIND_PACKAGES, composeFromLocalRef?: string): string {
  const composeStage = composeFromLocalRef ? [`${fromLine(composeFromLocalRef)} AS ${COMPOSE_STAGE}`, aptInstall([COMPOSE_PACKAGE])] : [];
  // The standalone `docker-compose` is the same binary, as Debian's package and the official images ship it.
  const composeCopy = composeFromLocalRef
    ? [
        `COPY --from=${COMPOSE_STAGE} ${COMPOSE_PLUGIN_PATH} ${COMPOSE_PLUGIN_PATH}`,
        `RUN ln -s ${COMPOSE_PLUGIN_PATH} /usr/bin/docker-compose && docker compose version`,
      ]
    : [];
  return dockerfile(
    ...composeStage,
    fromLine(baseLocalRef),
    aptInstall(packages),
    ...composeCopy,
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
 * Offline stand-in for a `docker:*-dind` image, the daemon each sandbox runs. Debian's docker.io plus an
 * entrypoint that accepts the official image's arguments, so the sandbox module starts either
 * image the same way.
 */
export function dockerDindRecipe(options: DindRecipeOptions): Recipe {
  const { baseRef, packages, standsInFor, composeFrom } = options;
  return {
    dependsOn: composeFrom ? [baseRef, composeFrom] : [baseRef],
    async plan(context) {
      const base = requireDependency(context, baseRef);
      const text = dindDockerfile(base.localRef, packages, composeFrom ? requireDependency(context, composeFrom).localRef : undefined);
      const entrypoint = await readEntrypoint();
      return {
        inputs: { kind: "dockerfile", dockerfile: text, packages: [...packages], files: { [ENTRYPOINT_FILE]: entrypoint } },
        async build(target) {
          await writeFile(path.join(target.contextDir, ENTRYPOINT_FILE), entrypoint, { mode: 0o755 });
          await buildDockerfile(context, target, text, `${standsInFor} stand-in`);
        },
      };
    },
  };
}
