import type { Builder, BuildStep } from "./build-step.js";
import type { DockerfileInstruction } from "./dockerfile-instructions.js";

/** BuildKit numbers only these instructions in `[i/n]` (FROM is 1; metadata is not a vertex). */
const BUILDKIT_VERTEX_KEYWORDS = new Set(["FROM", "RUN", "COPY", "ADD", "WORKDIR"]);

/**
 * Fills `dockerfileLine` (and sorts into Dockerfile order). Neither builder prints line numbers
 * for successful steps, but both number steps predictably:
 * - classic: `Step n/m` is the n-th instruction of the whole file; `--label` adds a trailing
 *   LABEL step that is not in the file (it stays null).
 * - buildkit: `[stage i/n]` is the i-th FROM/RUN/COPY/ADD/WORKDIR of that stage; the stage is
 *   its `AS` name, `stage-N` for unnamed stage N, or no name at all in a one-stage file.
 * A step whose keyword disagrees with the instruction found is left null rather than guessed.
 */
export function locateSteps(steps: BuildStep[], instructions: readonly DockerfileInstruction[], builder: Builder): void {
  for (const step of steps) {
    const candidate = builder === "classic" ? instructions[step.index - 1] : buildkitCandidate(step, instructions);
    step.dockerfileLine = candidate && candidate.keyword === step.keyword ? candidate.line : null;
  }
  if (steps.every((step) => step.dockerfileLine !== null)) {
    steps.sort((a, b) => (a.dockerfileLine ?? 0) - (b.dockerfileLine ?? 0));
  }
}

function buildkitCandidate(step: BuildStep, instructions: readonly DockerfileInstruction[]): DockerfileInstruction | undefined {
  const stage = stageIndex(step.stage, instructions);
  if (stage === null) return undefined;
  const vertices = instructions.filter((instruction) => instruction.stage === stage && BUILDKIT_VERTEX_KEYWORDS.has(instruction.keyword));
  return vertices[step.index - 1];
}

function stageIndex(label: string | null, instructions: readonly DockerfileInstruction[]): number | null {
  if (label === null) return 0;
  const named = instructions.find((instruction) => instruction.keyword === "FROM" && instruction.stageName?.toLowerCase() === label.toLowerCase());
  if (named) return named.stage;
  const numbered = /^stage-(\d+)$/.exec(label);
  return numbered ? Number(numbered[1]) : null;
}
