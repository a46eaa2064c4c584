/**
 * Evidence about image builds: what a Dockerfile's instructions are, what `docker build` did per
 * step (cached or rebuilt, how long), which layers an image has and which two images share.
 * Measurements behind the rules are in README.md.
 */
export { BUILD_ERROR_CODES, type BuildErrorCode, BuildEvidenceError, buildFailure } from "./build-errors.js";
export { BUILD_FAILURE_CODES, type BuildFailure, classifyBuildFailure, type FailureCause } from "./build-failure.js";
export { buildImage, type BuildImageOptions, type BuildResult, DEFAULT_BUILD_TIMEOUT_MS } from "./build-image.js";
export { firstRebuiltStep, fullyCached, type ParseOptions, parseBuildOutput } from "./build-output.js";
export { type Builder, BUILDERS, type BuildStep, type ParsedBuild, type StepStatus } from "./build-step.js";
export { type BuilderCli, DEFAULT_CANDIDATES, resolveBuilder } from "./builder-cli.js";
export type { CliEnv } from "../docker/docker.js";
export {
  type DockerfileInstruction,
  type DockerfileNote,
  type LayerEffect,
  type ParsedDockerfile,
  parseDockerfile,
} from "./dockerfile-instructions.js";
export { attributeLayers, type HistoryRow, historyInstruction } from "./history-attribution.js";
export { type ImageLayer, imageId, imageLayers } from "./image-layers.js";
export { commonLayers, type SharedLayers, sharedLayers } from "./shared-layers.js";
