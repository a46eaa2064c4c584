import type { ScenarioReport, StepReport } from "./report-types.js";

/**
 * Key evidence of a step in words ("mongo -> 172.18.0.3 from backend", "tcp://localhost:8080 reachable from
 * harness", "3 of 3 documents", "npm install: cached"), derived from the evidence's keys rather than from the
 * step's kind, so a new check gets words as soon as its evidence uses the shapes below. A check that knows
 * better sets `evidence.summary` (a string) and that is used as it is.
 */
export function evidenceInWords(step: StepReport): string[] {
  if (step.status === "skipped") return [];
  const evidence = step.evidence ?? {};
  if (typeof evidence.summary === "string" && evidence.summary.trim() !== "") return [evidence.summary.trim()];
  const words: string[] = [];

  const from = (value: unknown): string => (typeof value === "string" && value !== "" ? value : "harness");
  if (typeof evidence.name === "string" && typeof evidence.resolved === "boolean") {
    const addresses = stringList(evidence.addresses);
    words.push(
      evidence.resolved
        ? `${evidence.name} -> ${addresses.join(", ") || "(an address)"} from ${from(evidence.from)}`
        : `${evidence.name} does not resolve from ${from(evidence.from)}`,
    );
  }
  if (typeof evidence.target === "string" && typeof evidence.reachable === "boolean") {
    const status = typeof evidence.status === "number" ? ` (HTTP ${evidence.status})` : "";
    words.push(`${evidence.target} ${evidence.reachable ? "reachable" : "unreachable"} from ${from(evidence.from)}${status}`);
  }
  if (typeof evidence.container === "string" && typeof evidence.text === "string") {
    words.push(`logs of ${evidence.container} ${"line" in evidence ? "show" : "lack"} ${JSON.stringify(evidence.text)}`);
  }
  const count = countInWords(evidence);
  if (count) words.push(count);
  const inserted = numberOf(evidence.inserted);
  if (inserted !== null)
    words.push(
      `${inserted} ${inserted === 1 ? "document" : "documents"} written${typeof evidence.namespace === "string" ? ` to ${evidence.namespace}` : ""}`,
    );
  if (Array.isArray(evidence.images) && evidence.images.length === 2 && typeof evidence.shared === "number") {
    const megabytes = typeof evidence.bytes === "number" ? ` (${(evidence.bytes / 1e6).toFixed(1)} MB)` : "";
    words.push(`${stringList(evidence.images).join(" and ")} share ${evidence.shared} ${evidence.shared === 1 ? "layer" : "layers"}${megabytes}`);
  }
  if (
    typeof evidence.image === "string" &&
    typeof evidence.base === "string" &&
    typeof evidence.baseLayers === "number" &&
    Array.isArray(evidence.layers)
  ) {
    const own = evidence.layers.map((layer) =>
      isRecord(layer) && typeof layer.instruction === "string" ? (layer.instruction.split(/\s+/)[0] ?? "?").toUpperCase() : "?",
    );
    words.push(
      `${evidence.image}: ${evidence.baseLayers} layers of ${evidence.base}, then ${own.length} of its own${own.length ? ` (${own.join(", ")})` : ""}`,
    );
  }
  if (typeof evidence.equal === "boolean" && "left" in evidence && "right" in evidence) {
    const show = (value: unknown) => JSON.stringify(typeof value === "string" && value.length > 24 ? `${value.slice(0, 21)}…` : value);
    words.push(evidence.equal ? `both ${show(evidence.left)}` : `${show(evidence.left)} ≠ ${show(evidence.right)}`);
  }
  if (isRecord(evidence.build) && Array.isArray(evidence.build.steps)) {
    for (const built of evidence.build.steps) {
      if (!isRecord(built) || typeof built.instruction !== "string" || typeof built.cached !== "boolean" || /^FROM\b/i.test(built.instruction))
        continue;
      const outcome = built.cached ? "cached" : built.status === "failed" ? "failed" : built.status === "incomplete" ? "not reached" : "ran";
      words.push(`${shortInstruction(built.instruction.replace(/^RUN\s+/i, ""))}: ${outcome}`);
    }
  }
  if (typeof evidence.cached === "boolean") {
    const subject = firstString(evidence.instruction, evidence.layer, evidence.subject) ?? step.name;
    words.push(`${subject}: ${evidence.cached ? "cached" : "not cached"}`);
  }
  if (Array.isArray(evidence.layers)) {
    for (const layer of evidence.layers) {
      if (isRecord(layer) && typeof layer.cached === "boolean") {
        const subject = firstString(layer.instruction, layer.step, layer.command, layer.name);
        if (subject) words.push(`${subject}: ${layer.cached ? "cached" : "not cached"}`);
      }
    }
  }
  if (
    step.kind === "run" &&
    step.command &&
    /^docker\s+(?:image\s+|buildx\s+)?build\b/.test(step.command) &&
    !Array.isArray(evidence.layers) &&
    !isRecord(evidence.build)
  ) {
    words.push(...buildCacheInWords(`${stringOr(evidence.stdout)}\n${stringOr(evidence.stderr)}`));
  }
  if (isRecord(evidence.captured)) {
    for (const [name, value] of Object.entries(evidence.captured)) {
      if (typeof value === "string" && isWorthShowing(value)) words.push(`${name} = ${value}`);
    }
  }
  // A run step that demonstrates a lesson line and passed, with nothing above to say: its name says what it showed.
  if (words.length === 0 && step.kind === "run" && step.status === "passed" && step.lessonLine !== null) words.push(`✓ ${step.name}`);
  if (step.status === "failed" && step.error) words.push(`✗ ${step.name}: ${firstLine(step.error.message)}`);
  return words;
}

/** Every step's words, in order, for the one-line "what the run showed" of a scenario. */
export function scenarioEvidence(scenario: ScenarioReport): string[] {
  const words = scenario.steps.flatMap((step) => evidenceInWords(step));
  const skipped = scenario.steps.filter((step) => step.status === "skipped").length;
  if (skipped > 0) words.push(`${skipped} step${skipped === 1 ? "" : "s"} not run`);
  if (scenario.error) words.push(`${scenario.error.code}: ${firstLine(scenario.error.message)}`);
  return words;
}

/**
 * "3 of 3 documents in course.notes": a numeric count with what it was expected to be (or out of), what was
 * counted (`unit`, or "documents" beside a `documents` list) and where (`namespace`, `in`). A count expected to be
 * 0 and found 0 is just "0 documents".
 */
function countInWords(evidence: Record<string, unknown>): string | null {
  const count = numberOf(evidence.count ?? evidence.found ?? evidence.actual);
  if (count === null) return null;
  const total = numberOf(evidence.expected ?? evidence.of ?? evidence.total);
  if (total === null && evidence.count === undefined) return null;
  const what = firstString(evidence.unit, evidence.what, evidence.noun, evidence.counted) ?? (Array.isArray(evidence.documents) ? "documents" : null);
  const where = firstString(evidence.namespace, evidence.in);
  const after = firstString(evidence.when, evidence.after);
  const amount = total === null || (total === 0 && count === 0) ? `${count}` : `${count} of ${total}`;
  return [amount, what, where && `in ${where}`, after].filter(Boolean).join(" ");
}

/**
 * Which RUN instructions of a `docker build` came from the cache, read from its output: BuildKit's plain
 * progress (`#7 [3/5] RUN npm install` … `#7 CACHED`) or the classic builder (`Step 3/5 : RUN …` / `---> Using cache`).
 */
export function buildCacheInWords(output: string): string[] {
  const words: string[] = [];
  const buildkit = new Map<string, { instruction: string; cached: boolean; done: boolean }>();
  let classic: { instruction: string; cached: boolean } | null = null;
  const flushClassic = () => {
    if (classic) words.push(`${classic.instruction}: ${classic.cached ? "cached" : "ran"}`);
    classic = null;
  };
  for (const raw of output.split("\n")) {
    const line = raw.trim();
    const started = /^#(\d+) \[(?:[\w-]+ )?\d+\/\d+\] RUN (.+)$/.exec(line);
    if (started?.[1] && started[2]) {
      buildkit.set(started[1], { instruction: shortInstruction(started[2]), cached: false, done: false });
      continue;
    }
    const finished = /^#(\d+) (CACHED|DONE\b)/.exec(line);
    if (finished?.[1]) {
      const entry = buildkit.get(finished[1]);
      if (entry && !entry.done) Object.assign(entry, { cached: finished[2] === "CACHED", done: true });
      continue;
    }
    const step = /^Step \d+\/\d+ : (\w+) (.+)$/.exec(line);
    if (step) {
      flushClassic();
      if (step[1]?.toUpperCase() === "RUN" && step[2]) classic = { instruction: shortInstruction(step[2]), cached: false };
      continue;
    }
    if (classic && /^---> Using cache$/.test(line)) classic.cached = true;
  }
  flushClassic();
  for (const entry of buildkit.values()) if (entry.done) words.push(`${entry.instruction}: ${entry.cached ? "cached" : "ran"}`);
  return words;
}

const shortInstruction = (command: string): string => {
  const trimmed = command.trim();
  return trimmed.length > 60 ? `${trimmed.slice(0, 57)}…` : trimmed;
};

/** Captured values worth a reader's eye: short, and not a 64-hex container or image id. */
const isWorthShowing = (value: string): boolean =>
  value !== "" && value.length <= 40 && !value.includes("\n") && !/^(?:sha256:)?[0-9a-f]{32,}$/.test(value);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const stringList = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : []);
const stringOr = (value: unknown): string => (typeof value === "string" ? value : "");
const firstString = (...values: unknown[]): string | null =>
  values.find((value): value is string => typeof value === "string" && value !== "") ?? null;
const numberOf = (value: unknown): number | null => {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && /^\d+$/.test(value.trim())) return Number(value.trim());
  return null;
};
export const firstLine = (text: string): string => text.split("\n")[0] ?? "";
