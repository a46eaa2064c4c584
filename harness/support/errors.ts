import type { ErrorCode } from "./error-codes.js";

export type { ErrorCode } from "./error-codes.js";

/**
 * Every error dockproof raises carries a stable `code` so callers (CLI exit codes, reports,
 * tests) branch on the code, never on message text.
 */
export class DockproofError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Input the user gave us is wrong; nothing was started. CLI exit code 2. */
export class InvalidInputError extends DockproofError {}

/** No usable Docker engine and none could be started. */
export class EngineUnavailableError extends DockproofError {}

/** An image could not be pulled or built. */
export class ImageError extends DockproofError {}

/** A sandbox (Docker-in-Docker daemon) failed to start or to be seeded. */
export class SandboxError extends DockproofError {}

/** A step did not finish or did not behave as the scenario expected. */
export class StepError extends DockproofError {}

export const isDockproofError = (error: unknown): error is DockproofError => error instanceof DockproofError;
