/**
 * Small runs of a synthetic lesson for the annotated lesson's proof rules, each written once as a spec and turned
 * into both the plan and the report: a demonstration and its verbatim twin, a run on two engines, a compose file
 * written from the lesson, a check proving a claim and one only citing it, a claim contradicted.
 */
import type { RunReport, ScenarioReport, StepReport } from "../../model/report-types.js";
import type { CheckStep, RunStep } from "../../scenario/index.js";
import type { PlanStep, ScenarioPlan } from "../../scenario/plan.js";

export const PROOF_LESSON = "proofs.txt";

export const proofLines = [
  "Compose ->", // 1
  "docker compose up -d", // 2
  "services:", // 3
  "  web:", // 4
  "    image: nginx", // 5
  "", // 6
  "The page says hello.", // 7: a claim
  "docker run -d --name web -p 8080:80 nginx", // 8
  "Containers restart with their data gone.", // 9: a claim the run contradicts
  "docker logs web", // 10
];

export interface StepSpec {
  name: string;
  /** A run step's command, or a check's kind ("reachable", "mongo-count"). */
  run?: string;
  check?: string;
  /** The lesson line whose text the step runs verbatim. */
  runsLesson?: number;
  cites?: number[];
  claims?: number[];
  contradicts?: number[];
  status?: StepReport["status"];
  evidence?: Record<string, unknown>;
}

export interface ScenarioSpec {
  file: string;
  name: string;
  status?: ScenarioReport["status"];
  engine?: string;
  demonstration?: string;
  lessonFiles?: Array<{ path: string; lines: [number, number] }>;
  steps: StepSpec[];
}

const bindings = (spec: StepSpec) => [
  ...(spec.claims ?? []).map((line) => ({ line, role: "proves" as const, text: proofLines[line - 1] ?? "", review: null })),
  ...(spec.contradicts ?? []).map((line) => ({ line, role: "contradicts" as const, text: proofLines[line - 1] ?? "", review: null })),
];

function planStep(spec: StepSpec): PlanStep {
  const cites = spec.cites ?? [];
  const shared = {
    name: spec.name,
    line: 1,
    lessonLine: spec.runsLesson ?? cites[0] ?? null,
    cites,
    claims: bindings(spec),
    values: [],
    remark: null,
    setup: false,
    unresolved: null,
  };
  if (spec.check)
    return { ...shared, kind: "check", spec: { check: spec.check, timeoutMs: 10_000 } as CheckStep, description: `${spec.check} check` };
  const commandText = spec.run ?? "true";
  const run = { run: commandText, timeoutMs: 60_000, background: false, shell: false, tty: false, expect: { exitCode: 0 } } as RunStep;
  const fromLesson = spec.runsLesson ? { line: spec.runsLesson, was: null } : null;
  return {
    ...shared,
    kind: "run",
    spec: run,
    commandText,
    command: null,
    runsLesson: spec.runsLesson ?? null,
    fromLesson,
    unrunnable: null,
    plugins: [],
  };
}

const lessonFile = (file: { path: string; lines: [number, number] }) => ({
  ...file,
  offset: 0,
  text: `${proofLines.slice(file.lines[0] - 1, file.lines[1]).join("\n")}\n`,
});

export function proofPlan(spec: ScenarioSpec): ScenarioPlan {
  return {
    file: spec.file,
    name: spec.name,
    lesson: { file: PROOF_LESSON, section: "Compose ->", lines: [1, proofLines.length] },
    knownIssue: null,
    waives: [],
    lessonFiles: (spec.lessonFiles ?? []).map(lessonFile),
    demonstration: spec.demonstration ?? null,
    lessonChanges: [],
    images: ["nginx"],
    publishedPorts: [],
    timeoutMs: 60_000,
    workdir: null,
    plugins: [],
    steps: spec.steps.map(planStep),
  };
}

export function proofReport(spec: ScenarioSpec): ScenarioReport {
  return {
    file: spec.file,
    name: spec.name,
    engine: spec.engine ? { name: spec.engine, client: null, server: null, builder: null } : null,
    demonstration: spec.demonstration ?? null,
    lesson: { file: PROOF_LESSON, section: "Compose ->", lines: [1, proofLines.length] },
    status: spec.status ?? "passed",
    durationMs: 100,
    sandbox: null,
    images: ["nginx"],
    waives: [],
    lessonFiles: (spec.lessonFiles ?? []).map(({ path, lines }) => ({ path, lines, offset: 0 })),
    steps: spec.steps.map(
      (step): StepReport => ({
        name: step.name,
        kind: step.check ? "check" : "run",
        check: step.check ?? null,
        command: step.run ?? `${step.check} check`,
        lessonLine: step.runsLesson ?? step.cites?.[0] ?? null,
        runsLesson: step.runsLesson ?? null,
        cites: step.cites ?? [],
        claims: bindings(step),
        status: step.status ?? "passed",
        durationMs: 10,
        evidence: step.status === "skipped" ? { reason: "an earlier step failed" } : (step.evidence ?? { exitCode: 0 }),
        error: step.status === "failed" ? { code: "E_EXPECTATION", message: `${step.name}: its expectation failed` } : null,
      }),
    ),
    findings: [],
    error: null,
  };
}

/** The plans and the run's report of several scenario specs (a spec per scenario and engine). */
export function proofRun(specs: readonly ScenarioSpec[]): { plans: ScenarioPlan[]; report: RunReport } {
  const plans = [...new Map(specs.map((spec) => [spec.file, proofPlan(spec)])).values()];
  return { plans, report: { version: 2, durationMs: 1000, images: [], scenarios: specs.map(proofReport) } };
}
