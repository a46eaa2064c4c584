import type { FailureFactory } from "../docker/docker-client.js";
import { DockproofError } from "../support/errors.js";

/**
 * Stable codes for everything harness/builds can fail at. A build that exits non-zero is NOT an
 * error here (it is evidence, see BuildResult); these are for "we could not even find out".
 */
export const BUILD_ERROR_CODES = {
  /** The docker CLI did not finish within its timeout. */
  cliTimeout: "BUILD_CLI_TIMEOUT",
  /** The docker binary is not on PATH (or the given path does not exist). */
  cliMissing: "BUILD_CLI_MISSING",
  /** A docker command that must succeed (inspect, history) exited non-zero. */
  cliFailed: "BUILD_CLI_FAILED",
  /** The requested builder cannot run with the CLIs and engine at hand. */
  builderUnavailable: "BUILD_BUILDER_UNAVAILABLE",
  /** The image reference does not exist on the engine. */
  imageNotFound: "BUILD_IMAGE_NOT_FOUND",
  /** docker printed something we cannot read (history rows, inspect JSON). */
  unexpectedOutput: "BUILD_UNEXPECTED_OUTPUT",
} as const;

export type BuildErrorCode = (typeof BUILD_ERROR_CODES)[keyof typeof BUILD_ERROR_CODES];

/** Building or inspecting images for evidence went wrong; `code` is one of BUILD_ERROR_CODES. */
export class BuildEvidenceError extends DockproofError {
  declare readonly code: BuildErrorCode;

  constructor(code: BuildErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

const CLI_CODES = {
  missing: BUILD_ERROR_CODES.cliMissing,
  spawn: BUILD_ERROR_CODES.cliFailed,
  timeout: BUILD_ERROR_CODES.cliTimeout,
  exit: BUILD_ERROR_CODES.cliFailed,
} as const;

/** Docker calls made for build evidence fail as BuildEvidenceErrors (see DockerClient). */
export const buildFailure: FailureFactory = (kind, message) => new BuildEvidenceError(CLI_CODES[kind], message);
