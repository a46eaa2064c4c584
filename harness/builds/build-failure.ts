import type { BuildStep, ParsedBuild } from "./build-step.js";

/**
 * environment: a step needed a host this machine cannot reach (only the npm registry and Debian
 * mirrors are); a limitation of where we run, not of the lesson.
 * dockerfile: the builder rejected an instruction before running anything.
 * step-command: a RUN exited non-zero for a reason of its own (the lesson's or the app's).
 */
export type FailureCause = "environment" | "dockerfile" | "step-command";

export const BUILD_FAILURE_CODES = {
  environment: "BUILD_NETWORK_UNREACHABLE",
  dockerfile: "BUILD_DOCKERFILE_REJECTED",
  "step-command": "BUILD_STEP_FAILED",
} as const satisfies Record<FailureCause, string>;

export interface BuildFailure {
  cause: FailureCause;
  code: (typeof BUILD_FAILURE_CODES)[FailureCause];
  /** The step that failed, with its Dockerfile line when known. */
  step: BuildStep | null;
  /** The builder's own message. */
  message: string;
  /** One sentence a report can show. */
  explanation: string;
  /** For environment failures: the host the step tried to reach. */
  unreachableHost: string | null;
}

/** Each pattern captures the host (or a URL holding it) that could not be reached. */
const NETWORK_PATTERNS: readonly RegExp[] = [
  /getaddrinfo (?:ENOTFOUND|EAI_AGAIN) (\S+)/,
  /request to (https?:\/\/\S+) failed/,
  /connect (?:ECONNREFUSED|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH) (\S+)/,
  /Could not resolve host:? '?([^\s']+)/,
  /Temporary failure resolving '([^']+)'/,
  /unable to access '([^']+)'/,
  // Go's resolver and dialer (BuildKit resolving a FROM image on a registry this machine cannot reach).
  /dial tcp: lookup ([^\s:]+)/,
  /dial tcp ([^\s]+): (?:connect: )?(?:connection refused|i\/o timeout|network is unreachable)/,
];
/** Builder-level messages: the instruction was refused, nothing ran. */
const DOCKERFILE_REJECTED: readonly RegExp[] = [
  /^When using (COPY|ADD) with more than one source file/,
  /failed to (create LLB definition|compute cache key|parse dockerfile)/,
  /^(COPY|ADD) failed:/,
  /^dockerfile parse error/i,
  /^Dockerfile parse error/,
  /unknown instruction/i,
];
const MULTI_FILE_COPY = /When using (COPY|ADD) with more than one source file, the destination must be a directory and end with a \//;

export function classifyBuildFailure(build: ParsedBuild): BuildFailure | null {
  if (build.error === null) return null;
  const message = build.error;
  const step = build.steps.find((candidate) => candidate.status === "failed") ?? null;
  const text = [...(step?.output ?? []), message].join("\n");
  for (const pattern of NETWORK_PATTERNS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const host = hostOf(match[1] ?? "");
    return {
      cause: "environment",
      code: BUILD_FAILURE_CODES.environment,
      step,
      message,
      explanation: `${where(step)} needs ${host}, which this environment cannot reach (only the npm registry and Debian's mirrors are); an environment limitation, not a lesson defect.`,
      unreachableHost: host,
    };
  }
  if (DOCKERFILE_REJECTED.some((pattern) => pattern.test(message))) {
    const builderNote = MULTI_FILE_COPY.test(message)
      ? ` The ${build.builder} builder requires a destination ending in "/" when a wildcard matches several files; BuildKit accepts "." as a directory.`
      : "";
    return {
      cause: "dockerfile",
      code: BUILD_FAILURE_CODES.dockerfile,
      step,
      message,
      explanation: `${where(step)} was rejected by the ${build.builder} builder: ${message}.${builderNote}`,
      unreachableHost: null,
    };
  }
  return {
    cause: "step-command",
    code: BUILD_FAILURE_CODES["step-command"],
    step,
    message,
    explanation: `${where(step)} failed: ${message}`,
    unreachableHost: null,
  };
}

function hostOf(value: string): string {
  try {
    return new URL(value).hostname;
  } catch {
    return value.replace(/[:/].*$/, "");
  }
}

function where(step: BuildStep | null): string {
  if (!step) return "The build";
  return `\`${step.instruction}\`${step.dockerfileLine === null ? "" : ` (Dockerfile line ${step.dockerfileLine})`}`;
}
