import { DockproofError } from "../support/errors.js";
import type { ProcessFailureKind } from "../support/run-process.js";

import { DOCKER_ERROR_CODES } from "../support/error-codes.js";

export { DOCKER_ERROR_CODES };

export type DockerErrorCode = (typeof DOCKER_ERROR_CODES)[keyof typeof DOCKER_ERROR_CODES];

export class DockerError extends DockproofError {
  declare readonly code: DockerErrorCode;

  constructor(kind: ProcessFailureKind, message: string, options?: { cause?: unknown }) {
    super(DOCKER_ERROR_CODES[kind], message, options);
  }
}
