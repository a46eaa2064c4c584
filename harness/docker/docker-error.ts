import { DockproofError } from "../support/errors.js";
import type { ProcessFailureKind } from "../support/run-process.js";

/** A docker CLI call of the harness's own (not a lesson command) failed; the code says how. */
export const DOCKER_ERROR_CODES = {
  missing: "E_DOCKER_MISSING",
  spawn: "E_DOCKER_SPAWN",
  timeout: "E_DOCKER_TIMEOUT",
  exit: "E_DOCKER_FAILED",
} as const satisfies Record<ProcessFailureKind, string>;

export type DockerErrorCode = (typeof DOCKER_ERROR_CODES)[keyof typeof DOCKER_ERROR_CODES];

export class DockerError extends DockproofError {
  declare readonly code: DockerErrorCode;

  constructor(kind: ProcessFailureKind, message: string, options?: { cause?: unknown }) {
    super(DOCKER_ERROR_CODES[kind], message, options);
  }
}
