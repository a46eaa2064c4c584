/**
 * Every error code dockproof raises, one table per concern: callers (CLI exit codes, reports, tests) branch on these,
 * never on message text, and a code that is not listed here does not compile.
 */

/** The user's input: command line, scenario and results files (CLI exit code 2). */
export const INPUT_ERROR_CODES = {
  usage: "E_USAGE",
  results: "E_RESULTS",
  commandSyntax: "E_COMMAND_SYNTAX",
  target: "E_TARGET",
  workdirLink: "E_WORKDIR_LINK",
} as const;

/** A step did not finish, or not as the scenario expected. */
export const STEP_ERROR_CODES = {
  expectation: "E_EXPECTATION",
  hang: "E_HANG",
  spawn: "E_SPAWN",
  /** This machine, not the lesson, stopped the step (an unreachable download host). */
  environment: "E_ENVIRONMENT",
  undefinedVariable: "E_UNDEFINED_VARIABLE",
  lookup: "E_LOOKUP",
  logs: "E_LOGS",
  containerNotRunning: "E_CONTAINER_NOT_RUNNING",
  imageConfig: "E_IMAGE_CONFIG",
  /** A file the step reads (a Dockerfile) is not one dockproof reads: see the untrusted-file rules. */
  stepFile: "E_STEP_FILE",
  /** The lesson's command breaks a safety rule: it is not run (the claim is unverified). */
  unrunnable: "E_UNRUNNABLE",
  /** The check needs something dockproof's stand-in for the image does not do (its catalog limitations): unverified. */
  substituteGap: "E_SUBSTITUTE_GAP",
  /** The step ran, but its cache claim cannot be checked on this engine (isolation host: older build cache). */
  cacheUnverified: "E_CACHE_UNVERIFIED",
  /** A claim the step proves changed since the scenario was fixed (or was never recorded): review, not a verdict. */
  claimReview: "E_CLAIM_REVIEW",
} as const;

/** A scenario's sandbox could not be had, or was lost. */
export const SANDBOX_ERROR_CODES = {
  start: "E_SANDBOX_START",
  sandbox: "E_SANDBOX",
  seed: "E_SEED",
  /** The sandbox's images are not the ones prepared (a template or archive out of step): a harness error. */
  seedMismatch: "E_SEED_MISMATCH",
  /** A template of a scenario's images could not be prepared on the outer engine. */
  template: "E_TEMPLATE",
  interrupted: "E_INTERRUPTED",
  /** The sandbox's daemon died or stopped answering during a scenario. */
  lost: "E_SANDBOX_LOST",
  diskFull: "E_DISK_FULL",
} as const;

/** The outer Docker engine. */
export const ENGINE_ERROR_CODES = {
  unavailable: "E_ENGINE_UNAVAILABLE",
  start: "E_ENGINE_START",
  address: "E_ENGINE_ADDRESS",
  install: "E_ENGINE_INSTALL",
  installUnsupported: "E_INSTALL_UNSUPPORTED",
  installFailed: "E_INSTALL_FAILED",
  /** The engine's registry mirrors could not be read (`docker info`). */
  mirrors: "E_ENGINE_MIRRORS",
  /** An engine name dockproof does not know (--engines). */
  unknown: "ENGINE_UNKNOWN",
} as const;

/** Preparing images: pulls, substitute builds, archives. */
export const IMAGE_ERROR_CODES = {
  buildFailed: "IMAGE_BUILD_FAILED",
  pullFailed: "IMAGE_PULL_FAILED",
  exportFailed: "IMAGE_EXPORT_FAILED",
  prepareFailed: "IMAGE_PREPARE_FAILED",
  noSubstitute: "IMAGE_NO_SUBSTITUTE",
  hostUnsupported: "IMAGE_HOST_UNSUPPORTED",
  versionUnresolved: "IMAGE_VERSION_UNRESOLVED",
  recipeInvalid: "IMAGE_RECIPE_INVALID",
  modeInvalid: "IMAGE_MODE_INVALID",
  commandMissing: "IMAGE_COMMAND_MISSING",
  commandTimeout: "IMAGE_COMMAND_TIMEOUT",
  commandFailed: "IMAGE_COMMAND_FAILED",
  buildxMissing: "IMAGE_BUILDX_MISSING",
} as const;

/** Evidence about builds and images (a failed build is evidence, not one of these). */
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

/** A docker CLI call of the harness's own failed, by how (see DockerClient). */
export const DOCKER_ERROR_CODES = {
  missing: "E_DOCKER_MISSING",
  spawn: "E_DOCKER_SPAWN",
  timeout: "E_DOCKER_TIMEOUT",
  exit: "E_DOCKER_FAILED",
} as const;

/** A registry dockproof runs or is told to use as a mirror (the outer engine's mirrors: harness/outer-engine; the test registry: fixtures/support/registry). */
export const REGISTRY_ERROR_CODES = {
  /** DOCKPROOF_REGISTRY_MIRROR is not a list of http(s)://host[:port] URLs. */
  mirrorInvalid: "E_REGISTRY_MIRROR",
  /** The local registry did not start or answer. */
  start: "E_REGISTRY_START",
  /** An image could not be pushed to (or read back from) the local registry. */
  push: "E_REGISTRY_PUSH",
  /** The engine that pulls through the mirror did not start. */
  mirrorEngine: "E_MIRROR_ENGINE",
} as const;

/** Waits and the harness itself. */
export const HARNESS_ERROR_CODES = {
  deadline: "E_DEADLINE",
  internal: "E_INTERNAL",
  /** The harness could not do its part (a docker call of its own failed, a bug): never a lesson verdict. */
  harness: "E_HARNESS",
} as const;

type CodesOf<T> = T[keyof T];

export type ErrorCode =
  | CodesOf<typeof INPUT_ERROR_CODES>
  | CodesOf<typeof STEP_ERROR_CODES>
  | CodesOf<typeof SANDBOX_ERROR_CODES>
  | CodesOf<typeof ENGINE_ERROR_CODES>
  | CodesOf<typeof IMAGE_ERROR_CODES>
  | CodesOf<typeof BUILD_ERROR_CODES>
  | CodesOf<typeof DOCKER_ERROR_CODES>
  | CodesOf<typeof REGISTRY_ERROR_CODES>
  | CodesOf<typeof HARNESS_ERROR_CODES>;
