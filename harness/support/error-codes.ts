/**
 * Every error code dockproof raises, one table per concern, each code with its blame beside it: callers (CLI exit
 * codes, verdicts, reports, tests) branch on these, never on message text or on which module threw, and a code that
 * is not listed here does not compile.
 */

import { type Blame, codes, declaredBlames } from "./blame.js";

export type { Blame } from "./blame.js";

/** The user's input: command line, scenario and results files (CLI exit code 2). */
export const INPUT_ERROR_CODES = codes({
  usage: ["E_USAGE", "input"],
  results: ["E_RESULTS", "input"],
  commandSyntax: ["E_COMMAND_SYNTAX", "input"],
  target: ["E_TARGET", "input"],
  workdirLink: ["E_WORKDIR_LINK", "input"],
});

/** A step did not finish, or not as the scenario expected. */
export const STEP_ERROR_CODES = codes({
  expectation: ["E_EXPECTATION", "lesson"],
  hang: ["E_HANG", "lesson"],
  /** The learner's terminal (this machine's docker CLI) could not be started. */
  spawn: ["E_SPAWN", "machine"],
  /** This machine, not the lesson, stopped the step (an unreachable download host): skipped. */
  environment: ["E_ENVIRONMENT", "limitation"],
  undefinedVariable: ["E_UNDEFINED_VARIABLE", "input"],
  lookup: ["E_LOOKUP", "lesson"],
  logs: ["E_LOGS", "lesson"],
  containerNotRunning: ["E_CONTAINER_NOT_RUNNING", "lesson"],
  /** `localhost:P` of a check is a port the lesson's commands never published. */
  notPublished: ["E_NOT_PUBLISHED", "lesson"],
  /** docker printed an image config dockproof cannot read. */
  imageConfig: ["E_IMAGE_CONFIG", "harness"],
  /** A file the step reads (a Dockerfile) is not one dockproof reads: see the untrusted-file rules. */
  stepFile: ["E_STEP_FILE", "input"],
  /** The lesson's command breaks a safety rule: it is not run (the claim is unverified). */
  unrunnable: ["E_UNRUNNABLE", "limitation"],
  /** The check needs something dockproof's stand-in for the image does not do (its catalog limitations): unverified. */
  substituteGap: ["E_SUBSTITUTE_GAP", "limitation"],
  /** The step ran, but its cache claim cannot be checked on this engine (isolation host: older build cache). */
  cacheUnverified: ["E_CACHE_UNVERIFIED", "limitation"],
  /**
   * A claim the step proves changed since the scenario was fixed (or was never recorded): review, not a verdict. The
   * lesson's maintainer is to look: its text moved under the scenario.
   */
  claimReview: ["E_CLAIM_REVIEW", "lesson"],
  /** A step after a build this machine stopped: what it needed may not be there, so it decides nothing (unverified). */
  afterStop: ["E_AFTER_STOP", "limitation"],
});

/** A scenario's sandbox could not be had, or was lost. */
export const SANDBOX_ERROR_CODES = codes({
  start: ["E_SANDBOX_START", "machine"],
  sandbox: ["E_SANDBOX", "machine"],
  seed: ["E_SEED", "machine"],
  /** The sandbox's images are not the ones prepared (a template or archive out of step). */
  seedMismatch: ["E_SEED_MISMATCH", "machine"],
  /** A template of a scenario's images could not be prepared on the outer engine. */
  template: ["E_TEMPLATE", "machine"],
  interrupted: ["E_INTERRUPTED", "machine"],
  /** The sandbox's daemon died or stopped answering during a scenario. */
  lost: ["E_SANDBOX_LOST", "machine"],
  diskFull: ["E_DISK_FULL", "machine"],
});

/** The outer Docker engine, and installing what the machine lacks. */
export const ENGINE_ERROR_CODES = codes({
  /** No engine answers (none found, or the one in use went away). */
  unavailable: ["E_ENGINE_UNAVAILABLE", "machine"],
  start: ["E_ENGINE_START", "machine"],
  address: ["E_ENGINE_ADDRESS", "machine"],
  install: ["E_ENGINE_INSTALL", "machine"],
  installUnsupported: ["E_INSTALL_UNSUPPORTED", "machine"],
  installFailed: ["E_INSTALL_FAILED", "machine"],
  /** Another process held the dpkg lock for longer than dockproof waits. */
  installLocked: ["E_INSTALL_LOCKED", "machine"],
  /** The engine's registry mirrors could not be read (`docker info`). */
  mirrors: ["E_ENGINE_MIRRORS", "machine"],
  /** An engine name dockproof does not know (--engines). */
  unknown: ["ENGINE_UNKNOWN", "input"],
});

/** Preparing images: pulls, substitute builds, archives. */
export const IMAGE_ERROR_CODES = codes({
  buildFailed: ["IMAGE_BUILD_FAILED", "machine"],
  pullFailed: ["IMAGE_PULL_FAILED", "machine"],
  exportFailed: ["IMAGE_EXPORT_FAILED", "machine"],
  prepareFailed: ["IMAGE_PREPARE_FAILED", "machine"],
  /** No registry answers and dockproof has no substitute: the scenarios that need it are skipped. */
  noSubstitute: ["IMAGE_NO_SUBSTITUTE", "limitation"],
  hostUnsupported: ["IMAGE_HOST_UNSUPPORTED", "machine"],
  versionUnresolved: ["IMAGE_VERSION_UNRESOLVED", "machine"],
  recipeInvalid: ["IMAGE_RECIPE_INVALID", "harness"],
  modeInvalid: ["IMAGE_MODE_INVALID", "input"],
  commandMissing: ["IMAGE_COMMAND_MISSING", "machine"],
  commandTimeout: ["IMAGE_COMMAND_TIMEOUT", "machine"],
  commandFailed: ["IMAGE_COMMAND_FAILED", "machine"],
  buildxMissing: ["IMAGE_BUILDX_MISSING", "machine"],
});

/** Evidence about builds and images (a failed build is evidence, not one of these). */
export const BUILD_ERROR_CODES = codes({
  /** The docker CLI did not finish within its timeout (on a sandbox that still answers: the lesson's engine state). */
  cliTimeout: ["BUILD_CLI_TIMEOUT", "lesson"],
  /** The docker binary is not on PATH (or the given path does not exist). */
  cliMissing: ["BUILD_CLI_MISSING", "machine"],
  /** The docker binary is there but could not be started. */
  cliSpawn: ["BUILD_CLI_SPAWN", "machine"],
  /** A docker command that must succeed (inspect, history) exited non-zero: about the lesson's images. */
  cliFailed: ["BUILD_CLI_FAILED", "lesson"],
  /** The requested builder cannot run with the CLIs and engine at hand. */
  builderUnavailable: ["BUILD_BUILDER_UNAVAILABLE", "machine"],
  /** The image reference does not exist on the engine (the lesson did not build or tag it). */
  imageNotFound: ["BUILD_IMAGE_NOT_FOUND", "lesson"],
  /** docker printed something we cannot read (history rows, inspect JSON). */
  unexpectedOutput: ["BUILD_UNEXPECTED_OUTPUT", "harness"],
});

/** A docker call through the door failed, by how (see Docker); about the lesson's objects when it ran and exited. */
export const DOCKER_ERROR_CODES = codes({
  missing: ["E_DOCKER_MISSING", "machine"],
  spawn: ["E_DOCKER_SPAWN", "machine"],
  timeout: ["E_DOCKER_TIMEOUT", "lesson"],
  exit: ["E_DOCKER_FAILED", "lesson"],
});

/** A registry dockproof runs or is told to use as a mirror (the outer engine's mirrors: harness/outer-engine; the test registry: fixtures/support/registry). */
export const REGISTRY_ERROR_CODES = codes({
  /** DOCKPROOF_REGISTRY_MIRROR is not a list of http(s)://host[:port] URLs. */
  mirrorInvalid: ["E_REGISTRY_MIRROR", "input"],
  /** The local registry did not start or answer. */
  start: ["E_REGISTRY_START", "machine"],
  /** An image could not be pushed to (or read back from) the local registry. */
  push: ["E_REGISTRY_PUSH", "machine"],
  /** The engine that pulls through the mirror did not start. */
  mirrorEngine: ["E_MIRROR_ENGINE", "machine"],
});

/** Waits and the harness itself. */
export const HARNESS_ERROR_CODES = codes({
  deadline: ["E_DEADLINE", "machine"],
  /** An operating-system call failed (a socket refused or gone, no space, no permission): this machine's, not a bug. */
  system: ["E_SYSTEM", "machine"],
  /** An exception from dockproof's own code (a TypeError, …): a bug, reported with its stack. */
  internal: ["E_INTERNAL", "harness"],
  /** The harness could not do its part: never a lesson verdict. */
  harness: ["E_HARNESS", "harness"],
});

type Values<T> = T[keyof T];

export type ErrorCode =
  | Values<typeof INPUT_ERROR_CODES>
  | Values<typeof STEP_ERROR_CODES>
  | Values<typeof SANDBOX_ERROR_CODES>
  | Values<typeof ENGINE_ERROR_CODES>
  | Values<typeof IMAGE_ERROR_CODES>
  | Values<typeof BUILD_ERROR_CODES>
  | Values<typeof DOCKER_ERROR_CODES>
  | Values<typeof REGISTRY_ERROR_CODES>
  | Values<typeof HARNESS_ERROR_CODES>;

/** The blame declared beside `code`; a code no table declares (a report from elsewhere) is dockproof's own bug. */
export const blameOf = (code: string): Blame => declaredBlames.get(code) ?? "harness";
