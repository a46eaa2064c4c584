/** classic: the legacy builder (`DOCKER_BUILDKIT=0`). buildkit: `--progress=plain` output. */
export type Builder = "classic" | "buildkit";
export const BUILDERS: readonly Builder[] = ["classic", "buildkit"];

export type StepStatus = "done" | "cached" | "failed" | "incomplete";

export interface BuildStep {
  /** As the builder printed it, e.g. `COPY package*.json ./` (BuildKit shows FROM's resolved ref). */
  instruction: string;
  keyword: string;
  /** classic: `n` of `Step n/m`. buildkit: `i` of `[stage i/n]`. */
  index: number;
  /** buildkit's stage label (`build`, `stage-1`); null for the first unnamed stage and for classic. */
  stage: string | null;
  dockerfileLine: number | null;
  cached: boolean;
  /** classic: the (short) image id committed for this step (` ---> abc123`). BuildKit prints none. */
  layerId: string | null;
  /** buildkit: its own `DONE 1.2s`. classic: time between step headers, if line times were given. */
  durationMs: number | null;
  status: StepStatus;
  /** What the step's command printed (RUN output, error text). */
  output: string[];
}

export interface ParsedBuild {
  builder: Builder;
  steps: BuildStep[];
  /** Full image id for BuildKit (`writing image sha256:...`), short id for classic (`Successfully built`). */
  imageId: string | null;
  /** The builder's own failure message, null when the build succeeded. */
  error: string | null;
}

/** Builders end a step's output with blank lines; they are spacing, not output. */
export function trimTrailingBlank(lines: string[]): void {
  while (lines.length > 0 && lines.at(-1)?.trim() === "") lines.pop();
}

/** A step as first seen; parsers fill in cache, id, timing and status as lines arrive. */
export function newStep(fields: Pick<BuildStep, "instruction" | "index" | "stage">): BuildStep {
  return {
    ...fields,
    keyword: (fields.instruction.split(/\s+/)[0] ?? "").toUpperCase(),
    dockerfileLine: null,
    cached: false,
    layerId: null,
    durationMs: null,
    status: "incomplete",
    output: [],
  };
}
