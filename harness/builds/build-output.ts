import { parseBuildkitOutput } from "./buildkit-build-output.js";
import { parseClassicOutput } from "./classic-build-output.js";
import { type DockerfileInstruction, parseDockerfile } from "./dockerfile-instructions.js";
import type { Builder, BuildStep, ParsedBuild } from "./build-step.js";
import { locateSteps } from "./locate-steps.js";

export interface ParseOptions {
  /** The Dockerfile text (or its parsed instructions) to map steps to line numbers. */
  dockerfile?: string | readonly DockerfileInstruction[];
  /** Arrival time (ms) of each line of `text`, for classic step durations. */
  lineTimesMs?: readonly number[];
}

/** Builders colour RUN stderr (`ESC[91m`) and may emit carriage returns; neither is content. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC is exactly what this strips.
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

export function parseBuildOutput(text: string, builder: Builder, options: ParseOptions = {}): ParsedBuild {
  const lines = text.split("\n").map((line) => line.replace(ANSI, "").replace(/\r$/, ""));
  const parsed = builder === "classic" ? parseClassicOutput(lines, options.lineTimesMs) : parseBuildkitOutput(lines);
  if (options.dockerfile !== undefined) {
    const instructions = typeof options.dockerfile === "string" ? parseDockerfile(options.dockerfile).instructions : options.dockerfile;
    locateSteps(parsed.steps, instructions, builder);
  }
  return { builder, ...parsed };
}

/** Every step that produces a build result (not FROM) came from the cache. */
export function fullyCached(build: ParsedBuild): boolean {
  const steps = build.steps.filter((step) => step.keyword !== "FROM");
  return build.error === null && steps.length > 0 && steps.every((step) => step.cached);
}

/** The first step (in Dockerfile order) that was not served from the cache, if any. */
export function firstRebuiltStep(build: ParsedBuild): BuildStep | null {
  return build.steps.find((step) => step.keyword !== "FROM" && !step.cached) ?? null;
}
