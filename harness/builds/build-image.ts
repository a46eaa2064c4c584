import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseBuildOutput } from "./build-output.js";
import type { Builder, ParsedBuild } from "./build-step.js";
import { type BuilderCli, resolveBuilder } from "./builder-cli.js";
import type { Docker } from "../docker/docker.js";
import { buildFailure } from "./build-errors.js";
import { type ParsedDockerfile, parseDockerfile } from "./dockerfile-instructions.js";
import { imageId } from "./image-layers.js";

export interface BuildImageOptions {
  contextDir: string;
  /** Relative to contextDir (or absolute); default `Dockerfile`. */
  dockerfile?: string;
  tag: string;
  labels?: Record<string, string>;
  builder: Builder;
  /** The engine the build runs on. */
  docker: Docker;
  noCache?: boolean;
  /** Default 20 min: `npm install` against a slow registry, not an expected duration. */
  timeoutMs?: number;
}

export interface BuildResult {
  ok: boolean;
  exitCode: number;
  cli: BuilderCli;
  /** Full `sha256:` id when the build succeeded. */
  imageId: string | null;
  parsed: ParsedBuild;
  dockerfile: ParsedDockerfile;
  /** stdout and stderr in arrival order, as a person watching the build saw it. */
  output: string;
  durationMs: number;
}

export const DEFAULT_BUILD_TIMEOUT_MS = 20 * 60_000;

/**
 * Runs `docker build` exactly as a learner would, with the chosen builder. A build that fails is
 * returned (ok: false) with the builder's message: for a lesson that is evidence, not an error.
 * Only "could not run the build at all" (no CLI, timeout) throws.
 */
export async function buildImage(options: BuildImageOptions): Promise<BuildResult> {
  const cli = await resolveBuilder(options.builder, options.docker);
  const dockerfilePath = path.resolve(options.contextDir, options.dockerfile ?? "Dockerfile");
  const dockerfile = parseDockerfile(await readFile(dockerfilePath, "utf8"));
  const labelFlags = Object.entries(options.labels ?? {}).flatMap(([key, value]) => ["--label", `${key}=${value}`]);
  const args = [
    "build",
    ...cli.buildFlags,
    ...(options.noCache ? ["--no-cache"] : []),
    ...["--file", dockerfilePath, "--tag", options.tag],
    ...labelFlags,
    options.contextDir,
  ];
  const what = `${options.builder} docker build of ${options.tag} from ${path.relative(options.contextDir, dockerfilePath)} in ${options.contextDir}`;
  const result = await options.docker.withFailures(buildFailure).query(args, {
    binary: cli.binary,
    env: cli.env,
    what,
    timeoutMs: options.timeoutMs ?? DEFAULT_BUILD_TIMEOUT_MS,
  });
  const output = result.lines.map((line) => line.text).join("\n");
  const parsed = parseBuildOutput(output, options.builder, {
    dockerfile: dockerfile.instructions,
    lineTimesMs: result.lines.map((line) => line.atMs),
  });
  const ok = result.exitCode === 0;
  return {
    ok,
    exitCode: result.exitCode ?? 1,
    cli,
    imageId: ok ? await imageId(options.tag, options.docker) : null,
    parsed,
    dockerfile,
    output,
    durationMs: Math.round(result.durationMs),
  };
}
