import type { FailureFactory } from "../docker/docker.js";
import { DockproofError } from "../support/errors.js";

import { BUILD_ERROR_CODES } from "../support/error-codes.js";

export { BUILD_ERROR_CODES };

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
  spawn: BUILD_ERROR_CODES.cliSpawn,
  timeout: BUILD_ERROR_CODES.cliTimeout,
  exit: BUILD_ERROR_CODES.cliFailed,
} as const;

/** Docker calls made for build evidence fail as BuildEvidenceErrors (see Docker.withFailures). */
export const buildFailure: FailureFactory = (kind, message) => new BuildEvidenceError(CLI_CODES[kind], message);
