import { type BuildStep, newStep, type ParsedBuild, trimTrailingBlank } from "./build-step.js";

const STEP = /^Step (\d+)\/(\d+) : (.*)$/;
const ARROW = /^ ---> (.*)$/;
const RUNNING_IN = /^Running in ([0-9a-f]+)$/;
const BUILT = /^Successfully built ([0-9a-f]+)$/;
/** Lines that belong to the builder's own chatter, never to a step's output. */
const NOISE = [/^Removing intermediate container /, /^Successfully tagged /, /^Sending build context /];
const RUN_FAILED = /^The command '.*' returned a non-zero code: \d+$/;

/**
 * The legacy builder's output: `Step n/m : INSTR`, then ` ---> Using cache` when cached, and
 * ` ---> <id>` with the image committed for the step. It prints no timings: with `lineTimesMs`
 * a step lasts from its header to the next header (or the end of the output).
 * On failure the message is the last non-empty line (a RUN's `The command ... returned a
 * non-zero code: N`, or a Dockerfile error such as the multi-file COPY rule).
 */
export function parseClassicOutput(lines: readonly string[], lineTimesMs?: readonly number[]): Omit<ParsedBuild, "builder"> {
  const steps: BuildStep[] = [];
  const starts: number[] = [];
  let imageId: string | null = null;
  let current: BuildStep | undefined;
  let beforeFirstStep = true;
  const preamble: string[] = [];
  lines.forEach((line, index) => {
    const step = STEP.exec(line);
    if (step) {
      beforeFirstStep = false;
      const instruction = (step[3] ?? "").trim();
      current = newStep({ instruction, index: Number(step[1]), stage: null });
      steps.push(current);
      starts.push(lineTimesMs?.[index] ?? Number.NaN);
      return;
    }
    const built = BUILT.exec(line);
    if (built) {
      imageId = built[1] ?? null;
      return;
    }
    if (beforeFirstStep || !current) {
      if (line.trim() !== "") preamble.push(line);
      return;
    }
    const arrow = ARROW.exec(line);
    if (arrow) {
      const value = (arrow[1] ?? "").trim();
      if (value === "Using cache") current.cached = true;
      else if (!RUNNING_IN.test(value)) {
        current.layerId = value;
        current.status = current.cached ? "cached" : "done";
      }
      return;
    }
    if (NOISE.some((pattern) => pattern.test(line))) return;
    current.output.push(line);
  });

  for (const step of steps) trimTrailingBlank(step.output);
  const endMs = lineTimesMs?.[lines.length - 1] ?? Number.NaN;
  steps.forEach((step, i) => {
    const duration = (starts[i + 1] ?? endMs) - (starts[i] ?? Number.NaN);
    step.durationMs = Number.isFinite(duration) ? Math.round(duration) : null;
  });

  const last = steps.at(-1);
  let error: string | null = null;
  if (imageId === null) {
    const tail = (last?.output ?? preamble).filter((line) => line.trim() !== "");
    error = [...tail].reverse().find((line) => RUN_FAILED.test(line)) ?? tail.at(-1) ?? "build ended without `Successfully built`";
    if (last && last.status === "incomplete") last.status = "failed";
  }
  return { steps, imageId, error };
}
