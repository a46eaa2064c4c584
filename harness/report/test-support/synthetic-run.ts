/**
 * A small synthetic lesson, two plans and their run's report, for the annotated lesson's tests: a failure, a line two
 * scenarios touch, a finding on a line of hostile text, a waived line, an uncovered line, a step never reached, and
 * a BuildKit build of the lesson's Dockerfile (CMD has no build step of its own).
 */
import type { RunReport, ScenarioReport, StepReport } from "../../model/report-types.js";
import type { CheckStep, RunStep } from "../../scenario/index.js";
import type { PlanStep } from "../../scenario/plan.js";
import type { ScenarioPlan } from "../../scenario/plan.js";

export const SYNTHETIC_LESSON = "synthetic.txt";

export const syntheticLines = [
  "Setup ->",
  "",
  "docker network create net",
  "docker run -d --name web nginx",
  "<script>alert(1)</script>",
  "docker ps",
  "docker logs web",
  'Tags: </details><b>bold</b> & "quotes"',
  "Build ->",
  "FROM node:20",
  "RUN npm install",
  'CMD ["node", "index.js"]',
  "docker build -t app .",
  "curl localhost:8080",
];

const runStep = (name: string, runsLesson: number | null, cites: number[] = []): PlanStep => ({
  setup: false,
  unresolved: null,
  spec: { run: name, timeoutMs: 60_000, background: false, shell: false, tty: false, expect: { exitCode: 0 } } as RunStep,
  name,
  line: 1,
  lessonLine: runsLesson ?? cites[0] ?? null,
  cites,
  claims: [],
  values: [],
  remark: null,
  kind: "run",
  commandText: runsLesson ? (syntheticLines[runsLesson - 1] ?? name) : name,
  command: null,
  runsLesson,
  fromLesson: runsLesson ? { line: runsLesson, was: null } : null,
  unrunnable: null,
  plugins: [],
});

const checkStep = (name: string, cites: number[]): PlanStep => ({
  name,
  line: 1,
  lessonLine: cites[0] ?? null,
  cites,
  claims: [],
  values: [],
  remark: { kind: "note", text: "the lesson's <script> line is prose & shown as text" },
  setup: false,
  unresolved: null,
  kind: "check",
  spec: { check: "reachable", target: "tcp://localhost:8080", timeoutMs: 10_000 } as CheckStep,
  description: "reachable tcp://localhost:8080 from harness",
});

const plan = (file: string, name: string, steps: PlanStep[], extra: Omit<Partial<ScenarioPlan>, "demonstration"> = {}): ScenarioPlan => ({
  file,
  name,
  lesson: { file: SYNTHETIC_LESSON, section: "Setup ->", lines: [1, 14] },
  knownIssue: null,
  waives: [],
  lessonFiles: [],
  demonstration: null,
  lessonChanges: [],
  images: ["nginx"],
  plugins: [],
  publishedPorts: [],
  timeoutMs: 60_000,
  workdir: null,
  steps,
  ...extra,
});

export const syntheticPlans: ScenarioPlan[] = [
  plan(
    "scenarios/s1-setup.yaml",
    "S1 setup: a network and a web server",
    [runStep("create the network", 3), runStep("start web", 4), runStep("ask web", 14)],
    { waives: [{ line: 6, reason: "docker ps only shows what the learner started" }] },
  ),
  plan(
    "scenarios/s2-build.yaml",
    "S2 build: the lesson's Dockerfile",
    [runStep("start web again", 4), checkStep("web answers", [5]), runStep("build it", 13)],
    { lessonFiles: [{ path: "Dockerfile", lines: [10, 12], offset: 0, text: `${syntheticLines.slice(9, 12).join("\n")}\n` }] },
  ),
];

const step = (name: string, fields: Partial<StepReport>): StepReport => ({
  name,
  kind: "run",
  command: null,
  lessonLine: null,
  cites: [],
  status: "passed",
  durationMs: 10,
  evidence: { exitCode: 0, stdout: "", stderr: "" },
  error: null,
  ...fields,
});

const scenario = (file: string, name: string, fields: Partial<ScenarioReport>): ScenarioReport => ({
  file,
  name,
  lesson: { file: SYNTHETIC_LESSON, section: "Setup ->", lines: [1, 14] },
  status: "passed",
  durationMs: 1000,
  sandbox: { kind: "dind", readyMs: 100, seedMs: 100, privilege: "capabilities" },
  images: ["nginx"],
  steps: [],
  findings: [],
  error: null,
  ...fields,
});

export const syntheticReport: RunReport = {
  version: 2,
  durationMs: 2500,
  images: [
    { ref: "nginx", id: `sha256:${"a".repeat(64)}`, digest: null, substitute: true, substituteFor: "nginx", substituteName: "nginx-compat" },
    { ref: "node:20", id: `sha256:${"b".repeat(64)}`, digest: `node@sha256:${"c".repeat(64)}`, substitute: false, substituteFor: null },
  ],
  scenarios: [
    scenario("scenarios/s1-setup.yaml", "S1 setup: a network and a web server", {
      status: "failed",
      steps: [
        step("create the network", { command: "docker network create net", lessonLine: 3, evidence: { exitCode: 0, captured: { net_id: "net" } } }),
        step("start web", {
          command: "docker run -d --name web nginx",
          lessonLine: 4,
          status: "failed",
          error: { code: "E_EXPECTATION", message: "expected exit code 0, found 125\ndocker: port is already allocated" },
        }),
        step("ask web", { command: null, lessonLine: 14, status: "skipped", evidence: { reason: "an earlier step failed" } }),
      ],
    }),
    scenario("scenarios/s2-build.yaml", "S2 build: the lesson's Dockerfile", {
      steps: [
        step("start web again", { command: "docker run -d --name web nginx", lessonLine: 4 }),
        step("web answers", {
          kind: "check",
          check: "reachable",
          command: "reachable tcp://localhost:8080 from harness",
          lessonLine: 5,
          cites: [5],
          evidence: { from: null, target: "tcp://localhost:8080", reachable: true, detail: "TCP connection accepted" },
        }),
        step("build it", {
          command: "docker build -t app .",
          lessonLine: 13,
          evidence: {
            exitCode: 0,
            build: {
              builder: "buildkit",
              imageId: `sha256:${"d".repeat(64)}`,
              dockerfile: "Dockerfile",
              steps: [
                { line: 1, instruction: "FROM node:20", cached: true, status: "cached" },
                { line: 2, instruction: "RUN npm install", cached: false, status: "done" },
              ],
            },
          },
        }),
      ],
      findings: [
        {
          kind: "note",
          text: "observed: tcp://localhost:8080 reachable from harness (<img src=x onerror=alert(2)>)",
          explanation: "the lesson's <script> line is prose & shown as text",
          lessonFile: SYNTHETIC_LESSON,
          lessonLine: 5,
          step: "web answers",
        },
        { kind: "note", text: "a note about the whole lesson", explanation: null, lessonFile: SYNTHETIC_LESSON, lessonLine: null, step: null },
        { kind: "note", text: "about another lesson", explanation: null, lessonFile: "other.txt", lessonLine: 3, step: null },
      ],
    }),
  ],
};
