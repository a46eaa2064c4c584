import { type Blame, blameOf, type ErrorCode } from "./error-codes.js";

export type { Blame, ErrorCode } from "./error-codes.js";

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

  /** Who it is on, as declared beside its code (error-codes.ts). */
  get blame(): Blame {
    return blameOf(this.code);
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

/** Node's error for an operating-system call that failed (`connect ECONNREFUSED`, `ENOSPC`): it has a syscall and an errno code. */
const isSystemError = (error: unknown): error is NodeJS.ErrnoException =>
  error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === "string" && typeof (error as NodeJS.ErrnoException).code === "string";

/**
 * Who a thrown error is on: a DockproofError by its code; an operating-system call that failed (a library's socket
 * to an engine that went away) is this machine's; anything else came from dockproof's own code: a bug.
 */
export const blameOfError = (error: unknown): Blame => (isDockproofError(error) ? error.blame : isSystemError(error) ? "machine" : "harness");

/** An error as a report keeps it: its code, its words, and for dockproof's own bugs where it was thrown. */
export interface ErrorReport {
  code: string;
  message: string;
  /** The stack of an exception from dockproof's own code (blame "harness"), so the bug can be found. */
  stack?: string;
}

export function errorReport(error: unknown): ErrorReport {
  const code = isDockproofError(error) ? error.code : isSystemError(error) ? "E_SYSTEM" : "E_INTERNAL";
  const message = error instanceof Error ? (isDockproofError(error) ? error.message : `${error.name}: ${error.message}`) : String(error);
  const stack = blameOfError(error) === "harness" && error instanceof Error && error.stack ? { stack: error.stack } : {};
  return { code, message, ...stack };
}
