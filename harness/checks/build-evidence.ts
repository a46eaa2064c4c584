import { join, relative, resolve } from "node:path";
import { readDockerfile } from "../lesson/untrusted-file.js";
import { type BuildFailure, parseBuildOutput, type ParsedBuild } from "../builds/index.js";
import type { ProcessResult } from "../support/run-process.js";
import type { CheckOutcome } from "./check-context.js";

export interface BuildExpectation {
  fullyCached?: boolean | undefined;
  /** Instructions (text prefixes, e.g. "RUN npm install") that must come from the cache. */
  cached?: string[] | undefined;
  /** Instructions that must have run again. */
  rebuilt?: string[] | undefined;
}

/** What a `docker build` did per instruction, read from its own output (classic builder or BuildKit). */
export async function readBuild(
  result: ProcessResult,
  cwd: string,
  invocation: { context: string; dockerfile: string | null },
): Promise<ParsedBuild> {
  // Arrival order and times: they give the classic builder's per-instruction durations.
  const output = result.lines.map((line) => line.text).join("\n");
  const builder = /^#\d+ /m.test(output) ? "buildkit" : "classic";
  // Like docker: -f is relative to the working directory; without it, the Dockerfile is the context's.
  const dockerfilePath = resolve(cwd, invocation.dockerfile ?? join(invocation.context, "Dockerfile"));
  const dockerfile = readDockerfile(cwd, `the folder it builds in ${cwd}`, relative(cwd, dockerfilePath)).text;
  const lineTimesMs = result.lines.map((line) => line.atMs);
  return parseBuildOutput(output, builder, dockerfile === undefined ? { lineTimesMs } : { dockerfile, lineTimesMs });
}

export function buildEvidence(build: ParsedBuild, failure: BuildFailure | null): Record<string, unknown> {
  return {
    builder: build.builder,
    imageId: build.imageId,
    steps: build.steps.map((step) => ({
      line: step.dockerfileLine,
      instruction: step.instruction,
      cached: step.cached,
      layerId: step.layerId,
      durationMs: step.durationMs,
      status: step.status,
    })),
    ...(failure ? { failure: { cause: failure.cause, explanation: failure.explanation, unreachableHost: failure.unreachableHost } } : {}),
  };
}

const matching = (build: ParsedBuild, prefix: string) => build.steps.filter((step) => step.instruction.startsWith(prefix));

/** An instruction the build did not get through (it failed, or never came): what it would have done is unknown. */
const notThrough = (step: { status: string }) => step.status === "failed" || step.status === "incomplete";

/**
 * `expectation` held against what the build did. `stopped`: the build stopped for this machine's reason (a download
 * out of reach): what it did up to there still decides (an instruction said to stay cached that ran again is a
 * verdict), and the instructions it did not get through are `undecided`, never passed or failed.
 */
export function checkBuild(build: ParsedBuild, expectation: BuildExpectation, stopped = false): CheckOutcome & { undecided: string[] } {
  const failures: string[] = [];
  const undecided: string[] = [];
  const decidable = (prefix: string) => {
    const steps = matching(build, prefix);
    const open = !stopped ? false : steps.length === 0 || steps.some(notThrough);
    if (open) undecided.push(prefix);
    return !open;
  };
  // Dockerfile lines of the instructions that broke an expectation: a build of a lesson's Dockerfile cites them.
  const failedLines: number[] = [];
  const note = (steps: ReturnType<typeof matching>) =>
    failedLines.push(...steps.flatMap((step) => (step.dockerfileLine === null ? [] : [step.dockerfileLine])));
  const describe = (prefix: string) =>
    matching(build, prefix)
      .map((step) => `${step.instruction} (line ${step.dockerfileLine ?? "?"}): ${step.cached ? "cached" : step.status}`)
      .join("; ");
  for (const prefix of expectation.cached ?? []) {
    if (!decidable(prefix)) continue;
    const steps = matching(build, prefix);
    if (steps.length === 0 || steps.some((step) => !step.cached)) {
      failures.push(`expected "${prefix}" to come from the cache, found ${steps.length ? describe(prefix) : "no such step"}`);
      note(steps.filter((step) => !step.cached));
    }
  }
  for (const prefix of expectation.rebuilt ?? []) {
    if (!decidable(prefix)) continue;
    const steps = matching(build, prefix);
    if (steps.length === 0 || steps.some((step) => step.cached)) {
      failures.push(`expected "${prefix}" to run again, found ${steps.length ? describe(prefix) : "no such step"}`);
      note(steps.filter((step) => step.cached));
    }
  }
  if (expectation.fullyCached !== undefined) {
    const rebuilt = build.steps.filter((step) => !step.cached && step.keyword !== "FROM" && !(stopped && notThrough(step)));
    const fully = rebuilt.length === 0;
    // Stopped: one instruction that ran again decides it; none only means none yet.
    if (stopped && fully) undecided.push(expectation.fullyCached ? "every step from the cache" : "a step running again");
    else if (fully !== expectation.fullyCached) {
      failures.push(
        expectation.fullyCached
          ? `expected every step from the cache, found rebuilt: ${rebuilt.map((step) => step.instruction).join("; ")}`
          : "expected at least one step to run again, found all cached",
      );
    }
  }
  const summary = build.steps
    .filter((step) => step.keyword !== "FROM")
    .map((step) => `${step.instruction}: ${step.cached ? "cached" : "ran"}`)
    .join("; ");
  return failures.length === 0
    ? { passed: true, message: summary, evidence: {}, undecided }
    : { passed: false, message: failures.join("; "), evidence: { failedLines }, undecided };
}
