import { chmod, mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { sessionLabels } from "../support/session.js";
import { ImageError } from "../support/errors.js";
import type { Docker } from "../docker/docker.js";
import { DOCKER_TIMEOUTS, ImageDocker } from "./image-docker.js";
import type { PreparedImage } from "./types.js";

/** Where Debian's docker-buildx package puts the plugin (the modern engine's image carries it). */
export const BUILDX_IN_IMAGE = "/usr/libexec/docker/cli-plugins/docker-buildx";
const PLUGIN = "docker-buildx";
/** Not `docker-*`: the CLI takes every `docker-*` file in cli-plugins for a plugin. */
const STAMP = ".docker-buildx.image-id";

export interface BuildxConfigOptions {
  repoRoot: string;
  /** A prepared image that carries the plugin at BUILDX_IN_IMAGE: the modern engine's DinD image. */
  image: Pick<PreparedImage, "ref" | "localRef" | "id">;
  /** The engine the image is on. */
  docker: Docker;
  log?: (line: string) => void;
}

export function dockerConfigDir(repoRoot: string): string {
  return path.join(repoRoot, ".dockproof", "docker-config");
}

/**
 * A DOCKER_CONFIG of dockproof's own whose cli-plugins hold the buildx plugin, so the host's docker CLI builds
 * with BuildKit (a CLI 23+ without buildx runs only the classic builder) without installing anything into the
 * user's ~/.docker. The plugin is copied out of `image`, once per image id. Returns the directory for DOCKER_CONFIG.
 */
export async function prepareBuildxDockerConfig(options: BuildxConfigOptions): Promise<string> {
  const configDir = dockerConfigDir(options.repoRoot);
  const pluginsDir = path.join(configDir, "cli-plugins");
  const plugin = path.join(pluginsDir, PLUGIN);
  const stamp = path.join(pluginsDir, STAMP);
  const copiedFrom = await readFile(stamp, "utf8").catch(() => null);
  const present = await stat(plugin).catch(() => null);
  if (copiedFrom === options.image.id && present?.isFile() && present.size > 0) return configDir;

  await mkdir(pluginsDir, { recursive: true });
  // Copy beside the final name and rename: a concurrent CLI must never run a half-written plugin.
  const partial = path.join(pluginsDir, `.${PLUGIN}.${process.pid}.partial`);
  const started = performance.now();
  try {
    await copyOut(options, partial);
    await chmod(partial, 0o755);
    await rename(partial, plugin);
    await writeFile(stamp, options.image.id);
  } finally {
    await rm(partial, { force: true });
  }
  options.log?.(
    `[images] copied ${PLUGIN} from ${options.image.localRef} to ${pluginsDir} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return configDir;
}

/** `docker create` (never started) + `docker cp`; the container carries the session labels, so a killed run's is reaped. */
async function copyOut(options: BuildxConfigOptions, destination: string): Promise<void> {
  const images = new ImageDocker(options.docker);
  const docker = (args: string[], what: string) => images.run(args, { what, timeoutMs: DOCKER_TIMEOUTS.save });
  const labels = Object.entries(sessionLabels({ "org.dockproof.role": "buildx-copy" })).flatMap(([key, value]) => ["--label", `${key}=${value}`]);
  const { stdout } = await docker(["create", ...labels, options.image.localRef], `docker create of ${options.image.localRef} to copy ${PLUGIN} out`);
  const container = stdout.trim();
  try {
    await docker(["cp", `${container}:${BUILDX_IN_IMAGE}`, destination], `docker cp of ${BUILDX_IN_IMAGE} out of ${options.image.localRef}`).catch(
      (error: unknown) => {
        throw new ImageError(
          "IMAGE_BUILDX_MISSING",
          `Expected ${options.image.ref} (${options.image.localRef}) to carry the buildx plugin at ${BUILDX_IN_IMAGE}, received: ${
            error instanceof Error ? error.message : String(error)
          }`,
          { cause: error },
        );
      },
    );
  } finally {
    // A failed removal must not hide why the copy failed; a container left behind is reaped with the session.
    await docker(["rm", "--force", "--volumes", container], `removing the buildx copy container ${container}`).catch((error: unknown) =>
      options.log?.(`[images] ${error instanceof Error ? error.message : String(error)}`),
    );
  }
}
