/**
 * What a scenario's verdict was verified against: the lesson text it runs or cites (each span's text and hash, by
 * the lines it resolved to now), its fixtures (the workdir each run copies) and its own content. Results record the
 * stamp beside the verdict; a later stamp that equals it means nothing the run depends on has changed since, so
 * `dockproof status` and `run --changed-since` can tell which scenarios a lesson edit reaches.
 *
 * Line numbers are where text is, not what it is: a prose line added above everything moves every reference and
 * changes no stamp. The scenario's own content is hashed with its line references taken out for the same reason
 * (the spans stand for them), and without its comments and layout, so `dockproof fix` rewriting hints changes none.
 */
import type { LoadedScenario } from "./load-scenario.js";
import type { Scenario } from "./scenario-schema.js";
import { resolveWorkdir } from "./workdir-checks.js";
import type { LessonSpan, ScenarioStamp } from "../model/stamp.js";
import { hashFixtures, shortHash } from "./scenario-stamp-fixtures.js";

export type { LessonSpan, ScenarioStamp } from "../model/stamp.js";

export const STAMP_VERSION = 1;

export interface StampInput {
  /** The parsed scenario with every line reference resolved to the lesson as it is now (withCurrentLines). */
  scenario: Scenario;
  lessonLines: readonly string[];
  /** Absolute path of the workdir, or null. */
  workdir: string | null;
  /** Texts steps take from the lesson: their lines are spans, and the scenario is hashed without the text put in. */
  values?: ReadonlyArray<{ step: number; field: string; line: number }>;
}

/**
 * The spans a scenario runs or cites. Its `lesson.lines` range is where it looks, not a claim: prose in it that no
 * step runs or cites is the coverage ledger's concern. A span inside another is the other's.
 */
export function referencedSpans(scenario: Scenario, valueLines: readonly number[] = []): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const line = (n: number) => spans.push([n, n]);
  for (const valueLine of valueLines) line(valueLine);
  if (scenario.knownIssue) line(scenario.knownIssue.line);
  for (const waiver of scenario.waives ?? []) line(waiver.line);
  for (const file of scenario.lessonFiles ?? []) spans.push([Math.min(...file.lines), Math.max(...file.lines)]);
  for (const step of scenario.steps) {
    for (const cited of step.cites ?? []) line(cited);
    for (const claimed of [...(step.claims ?? []), ...(step.contradicts ?? [])]) line(claimed);
    if (step.quotes !== undefined) line(step.quotes);
    if ("run" in step && typeof step.run === "object") line(step.run.lesson);
  }
  const unique = [...new Map(spans.map((span) => [span.join("-"), span])).values()];
  const inside = ([from, to]: [number, number]) => unique.some(([a, b]) => a <= from && to <= b && (a !== from || b !== to));
  return unique.filter((span) => !inside(span)).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

/** The scenario without what the spans stand for (line references, the section heading as it reads now). */
function withoutLineReferences(scenario: Scenario, values: NonNullable<StampInput["values"]>): unknown {
  const { lines: _range, section: _section, ...lesson } = scenario.lesson;
  return {
    ...scenario,
    lesson,
    ...(scenario.knownIssue ? { knownIssue: { ...scenario.knownIssue, line: null } } : {}),
    ...(scenario.waives ? { waives: scenario.waives.map((waiver) => ({ ...waiver, line: null })) } : {}),
    ...(scenario.lessonFiles ? { lessonFiles: scenario.lessonFiles.map((file) => ({ ...file, lines: null })) } : {}),
    steps: scenario.steps.map((step, index) => ({
      ...withoutValues(
        step,
        values.filter((value) => value.step === index).map((value) => value.field),
      ),
      ...(step.cites ? { cites: step.cites.map(() => null) } : {}),
      ...(step.claims ? { claims: step.claims.map(() => null) } : {}),
      ...(step.contradicts ? { contradicts: step.contradicts.map(() => null) } : {}),
      ...(step.quotes !== undefined ? { quotes: null } : {}),
      ...("run" in step && typeof step.run === "object" ? { run: { lesson: null } } : {}),
    })),
  };
}

/** JSON with object keys sorted, so the hash does not depend on the order fields were written or parsed in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export function scenarioStamp(input: StampInput): ScenarioStamp {
  const values = input.values ?? [];
  const spans = referencedSpans(
    input.scenario,
    values.map((value) => value.line),
  ).map(([from, to]): LessonSpan => {
    const text = input.lessonLines.slice(from - 1, to).join("\n");
    return { lines: [from, to], hash: shortHash(text), text };
  });
  const file = input.scenario.lesson.file;
  // Spans are compared as a set (compareStamps): text that only moved, even past another span, is the same text.
  const lesson = { file, hash: shortHash(file, ...spans.map((span) => span.hash).sort()), spans };
  const scenario = shortHash(canonicalJson(withoutLineReferences(input.scenario, values)));
  const fixtures = input.workdir ? hashFixtures(input.workdir) : null;
  return {
    version: STAMP_VERSION,
    hash: shortHash(String(STAMP_VERSION), lesson.hash, scenario, fixtures?.hash ?? "none"),
    lesson,
    scenario,
    fixtures,
  };
}

/** The stamp of a loaded scenario, against the lesson text it was loaded with. */
export function stampOf(loaded: LoadedScenario): ScenarioStamp {
  const workdir = loaded.scenario.workdir;
  return scenarioStamp({
    scenario: loaded.scenario,
    lessonLines: loaded.lesson.lines,
    workdir: workdir ? resolveWorkdir(loaded.absoluteFile, workdir) : null,
    values: loaded.plan.steps.flatMap((step, index) => step.values.map((value) => ({ step: index, field: value.field, line: value.line }))),
  });
}

/** A step with each text it takes from the lesson put back as the reference it is (the span holds the text). */
function withoutValues<T>(step: T, fields: readonly string[]): T {
  if (fields.length === 0) return step;
  const copy = structuredClone(step) as Record<string, unknown>;
  for (const field of fields) {
    const keys = field.split(".");
    const last = keys.pop() as string;
    let parent: unknown = copy;
    for (const key of keys) parent = (parent as Record<string, unknown> | undefined)?.[key];
    if (parent && typeof parent === "object") (parent as Record<string, unknown>)[last] = { lesson: null };
  }
  return copy as T;
}
