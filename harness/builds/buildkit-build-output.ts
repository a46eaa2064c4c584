import { type BuildStep, newStep, type ParsedBuild, trimTrailingBlank } from "./build-step.js";

/** `#7 [3/6] COPY package*.json ./` or `#6 [build 3/3] RUN ...`: a vertex that is a Dockerfile step. */
const STEP = /^#(\d+) \[(?:(\S+) )?(\d+)\/(\d+)\] (.*)$/;
const VERTEX = /^#(\d+) (.*)$/;
const DONE = /^DONE (\d+(?:\.\d+)?)s$/;
const LOG = /^\d+(?:\.\d+)? ?(.*)$/;
const WRITING_IMAGE = /writing image (sha256:[0-9a-f]{64})/;
/** Newer BuildKit versions end with `ERROR: failed to solve: ...`, 20.10 with the bare cause. */
const FINAL_ERROR = /^(?:ERROR: |error: )?(failed to solve.*|executor failed running .*|failed to compute cache key.*)$/;

/**
 * BuildKit's `--progress=plain`: lines are prefixed `#<vertex>`; vertices run concurrently, so
 * their lines interleave and a vertex's header may be printed more than once. Only vertices
 * named `[stage i/n] INSTR` are Dockerfile steps (the rest is `[internal] ...` and export).
 * A vertex ends with `CACHED`, `DONE <s>s` or `ERROR: <message>`. There is no layer id per step.
 */
export function parseBuildkitOutput(lines: readonly string[]): Omit<ParsedBuild, "builder"> {
  const byVertex = new Map<number, BuildStep>();
  let imageId: string | null = null;
  let vertexError: string | null = null;
  let finalError: string | null = null;
  for (const line of lines) {
    const step = STEP.exec(line);
    if (step) {
      const vertex = Number(step[1]);
      if (!byVertex.has(vertex)) {
        const instruction = (step[5] ?? "").trim();
        byVertex.set(vertex, newStep({ instruction, index: Number(step[3]), stage: step[2] ?? null }));
      }
      continue;
    }
    const final = FINAL_ERROR.exec(line.trim());
    if (final && !line.startsWith("#")) {
      finalError = final[1] ?? line;
      continue;
    }
    const vertexLine = VERTEX.exec(line);
    if (!vertexLine) continue;
    const rest = vertexLine[2] ?? "";
    imageId = WRITING_IMAGE.exec(rest)?.[1] ?? imageId;
    const current = byVertex.get(Number(vertexLine[1]));
    if (!current) continue;
    if (rest === "CACHED") {
      current.cached = true;
      current.status = "cached";
    } else if (DONE.test(rest)) {
      current.durationMs = Math.round(Number(DONE.exec(rest)?.[1]) * 1000);
      if (current.status === "incomplete") current.status = "done";
    } else if (rest.startsWith("ERROR: ")) {
      current.status = "failed";
      current.output.push(rest);
      vertexError ??= rest.slice("ERROR: ".length);
    } else if (!rest.startsWith("sha256:")) {
      current.output.push(LOG.exec(rest)?.[1] ?? rest);
    }
  }
  for (const step of byVertex.values()) trimTrailingBlank(step.output);
  // Dockerfile order, not completion order: stages in order of appearance, then step index.
  const steps = [...byVertex.values()];
  const stageOrder = [...new Set(steps.map((step) => step.stage))];
  steps.sort((a, b) => stageOrder.indexOf(a.stage) - stageOrder.indexOf(b.stage) || a.index - b.index);
  const error = imageId === null ? (finalError ?? vertexError ?? "build ended without `writing image`") : null;
  return { steps, imageId, error };
}
