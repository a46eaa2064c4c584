import path from "node:path";
import { classifyBuildFailure } from "../builds/index.js";
import { buildEvidence, checkBuild, readBuild } from "../checks/build-evidence.js";
import type { CheckOutcome } from "../checks/index.js";
import { buildInvocation } from "../commands/docker-argv.js";
import { cacheInfluence } from "../sandbox/host-build-cache-influence.js";
import type { BuildCacheWatch } from "../sandbox/sandbox.js";
import type { ProcessResult } from "../support/run-process.js";
import type { RunPlanStep } from "../scenario/plan.js";
import { type LessonFilePlan, lessonLineOf } from "../scenario/plan.js";

export interface BuildOutcome {
  evidence: Record<string, unknown>;
  /** The step's `expect.build`, held against what the build did. */
  outcome: CheckOutcome & { undecided: string[] };
  /** The builder's own reason for a failed build (instruction, line, why); null when it succeeded. */
  failureExplanation: string | null;
  /** The Dockerfile line of the instruction a failed build stopped at. */
  failedDockerfileLine: number | null;
  /** The absolute path of the Dockerfile built. */
  dockerfile: string;
  /** Why the cache expectation's verdict is not one (cache from before the scenario may explain it); else null. */
  cacheUnverified: string | null;
  /**
   * The build stopped for this machine's reason (a download out of reach), in the builder's words; null otherwise.
   * What it did before that still decides its cache expectation; `outcome.undecided` names what it cannot.
   */
  environment: string | null;
}

const NO_EXPECTATION: CheckOutcome & { undecided: string[] } = { passed: true, message: "", evidence: {}, undecided: [] };

/**
 * A `docker build` is read instruction by instruction (cached or ran, layer, time); null for any other command. A
 * build that failed because this machine cannot reach a download is an environment limitation, never a verdict on
 * the lesson (`environment`): only what it did before it stopped is held against its expectation.
 */
export async function buildOutcome(
  step: RunPlanStep,
  argv: readonly string[],
  result: ProcessResult,
  cwd: string,
  cache?: BuildCacheWatch,
): Promise<BuildOutcome | null> {
  const invocation = buildInvocation(argv);
  if (!invocation) return null;
  const build = await readBuild(result, cwd, invocation);
  // Asked after every build, expectation or not: the first build to use older cache is the one it misleads.
  const found = cache ? await cache.afterBuild(build) : ({ kind: "none" } as const);
  const failure = classifyBuildFailure(build);
  const environment = failure?.cause === "environment" ? failure.explanation : null;
  const failed = failure !== null && result.exitCode !== 0 && environment === null;
  const dockerfile = path.resolve(cwd, invocation.dockerfile ?? path.join(invocation.context, "Dockerfile"));
  return {
    // The Dockerfile as the working folder names it, so a report can tie its lines to a lesson file's.
    evidence: { ...buildEvidence(build, failure), dockerfile: path.relative(cwd, dockerfile) },
    outcome: step.spec.expect.build ? checkBuild(build, step.spec.expect.build, environment !== null) : NO_EXPECTATION,
    failureExplanation: failed ? failure.explanation : null,
    failedDockerfileLine: failed ? (failure.step?.dockerfileLine ?? null) : null,
    dockerfile,
    cacheUnverified: step.spec.expect.build ? cacheInfluence(build, step.spec.expect.build, found) : null,
    environment,
  };
}

/** The step's message: a failed build is explained by the builder's reason, not by "exit code 1". */
export function runMessage(output: CheckOutcome, build: BuildOutcome | null): string {
  if (!output.passed) return build?.failureExplanation ?? output.message;
  if (!build) return output.message;
  if (!build.outcome.passed) return build.outcome.message;
  return `${output.message}; ${build.outcome.message}`;
}

/** A failed build of a Dockerfile taken from the lesson: the lesson line of the instruction it stopped at. */
export function failedLessonLine(build: BuildOutcome | null, cwd: string, lessonFiles: readonly LessonFilePlan[]): number | null {
  if (!build) return null;
  // The instruction the build stopped at, or else the first whose cache expectation failed.
  const expected = build.outcome.evidence.failedLines;
  const line = build.failedDockerfileLine ?? (Array.isArray(expected) && typeof expected[0] === "number" ? expected[0] : null);
  if (line === null) return null;
  const file = lessonFiles.find((candidate) => path.resolve(cwd, candidate.path) === build.dockerfile);
  return file ? lessonLineOf(file, line) : null;
}
