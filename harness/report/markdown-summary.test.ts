import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/paths.js";
import { evidenceInWords, scenarioEvidence } from "./evidence-words.js";
import { escapeCell, renderMarkdownSummary } from "./markdown-summary.js";
import type { RunReport, ScenarioReport, StepReport } from "../model/report-types.js";
import { annotateLesson } from "./annotated-lesson.js";
import { SYNTHETIC_LESSON, syntheticLines, syntheticPlans, syntheticReport } from "./test-support/synthetic-run.js";

/** A real `dockproof run scenarios --json` report (N1 and N3, substitute docker:dind). */
const recorded = JSON.parse(readFileSync(join(repoRoot, "fixtures/reports/run-n1-n3.json"), "utf8")) as RunReport;

const step = (evidence: Record<string, unknown>, extra: Partial<StepReport> = {}): StepReport => ({
  name: "a step",
  kind: "check",
  command: null,
  lessonLine: null,
  status: "passed",
  durationMs: 1,
  evidence,
  error: null,
  ...extra,
});

describe("evidence in words", () => {
  it("takes a check step's words from its check module, and none from a check that saw nothing", () => {
    expect(evidenceInWords(step({ from: "backend", name: "mongo", resolved: true, addresses: ["172.18.0.3"] }, { check: "resolves" }))).toEqual([
      "mongo -> 172.18.0.3 from backend",
    ]);
    expect(evidenceInWords(step({}, { check: "resolves" }))).toEqual([]);
    // Evidence shaped like a resolve check's, under another kind, gets that kind's words (none here), not a guess.
    expect(evidenceInWords(step({ from: "backend", name: "mongo", resolved: true, addresses: ["172.18.0.3"] }, { check: "mongo-ready" }))).toEqual(
      [],
    );
  });

  it("says cache hits per instruction of a build step and short captured values", () => {
    const build = {
      builder: "buildkit",
      steps: [
        { instruction: "FROM node:20", cached: true },
        { instruction: "RUN npm install", cached: true },
        { instruction: "COPY . .", cached: false },
      ],
    };
    expect(evidenceInWords(step({ exitCode: 0, stdout: "", build }, { kind: "run", command: "docker build -t image_tag ." }))).toEqual([
      "npm install: cached",
      "COPY . .: ran",
    ]);
    const captured = { exitCode: 0, stdout: "172.18.0.3", captured: { beta_ip: "172.18.0.3" } };
    expect(evidenceInWords(step(captured, { kind: "run" }))).toEqual(["beta_ip = 172.18.0.3"]);
    // A container id is no evidence a reader wants.
    expect(
      evidenceInWords(step({ captured: { alpha_id: "857e9c87b3dde60fd6c00c01b07c4293c984544e4a243ddf41031dfef65321ef" } }, { kind: "run" })),
    ).toEqual([]);
    // Build words come from the parsed build evidence only: raw output is not re-read.
    const stderr = "#7 [4/5] RUN npm install\n#7 CACHED";
    expect(evidenceInWords(step({ exitCode: 0, stdout: "", stderr }, { kind: "run", command: "docker build -t image_tag ." }))).toEqual([]);
  });

  it("names a failed step with its error, a passed cited run step by its name, and counts skipped steps", () => {
    expect(
      evidenceInWords(
        step(
          { from: "alpha", name: "beta", resolved: false },
          {
            check: "does-not-resolve",
            status: "failed",
            name: "alpha resolves beta",
            error: { code: "E_EXPECTATION", message: 'expected "beta" to resolve\nmore' },
          },
        ),
      ),
    ).toEqual(["beta does not resolve from alpha", '✗ alpha resolves beta: expected "beta" to resolve']);
    expect(evidenceInWords(step({ exitCode: 0, stdout: "…" }, { kind: "run", lessonLine: 154, name: "the client sees docker0" }))).toEqual([
      "✓ the client sees docker0",
    ]);
    expect(evidenceInWords(step({ exitCode: 0, stdout: "…" }, { kind: "run", name: "start alpha" }))).toEqual([]);
    const scenario = {
      ...recorded.scenarios[0]!,
      steps: [step({}, { status: "skipped" }), step({}, { status: "skipped" })],
      error: { code: "E_SANDBOX", message: "dockerd did not start\ndetails" },
    };
    expect(scenarioEvidence(scenario)).toEqual(["2 steps not run", "E_SANDBOX: dockerd did not start"]);
  });
});

describe("renderMarkdownSummary", () => {
  const lessonLine = (file: string, line: number) =>
    file === "docker-layers-volumes-networks.txt" && line === 115 ? "Docker containers can’t talk to each other by default." : undefined;

  it("renders a real run: one row per lesson with its verdict, evidence in words and images; findings with the lesson line; images", () => {
    const markdown = renderMarkdownSummary(recorded, { lessonLine });
    const lines = markdown.split("\n");
    expect(lines[0]).toBe("## dockproof: 2 of 2 lesson scenarios hold");
    expect(lines).toContain("2 passed, 0 failed, 0 known issues (lesson defects), 0 skipped · 1 finding · 17.1s");
    const n1 = lines.find((line) => line.startsWith("| **N1** default bridge"));
    expect(n1).toBe(
      '| **N1** default bridge: no names, and localhost is the container\'s own<br><sub>docker-layers-volumes-networks.txt "Network ->" lines 112-116 · scenarios/networks/n1-default-bridge.yaml</sub>' +
        " | ✅ passed<br><sub>16.9s</sub>" +
        " | beta does not resolve from alpha<br>beta_ip = 172.18.0.3<br>tcp://172.18.0.3:80 reachable from alpha<br>tcp://localhost:8080 reachable from harness<br>tcp://localhost:8080 unreachable from alpha" +
        " | dockproof/probe |",
    );
    expect(lines.find((line) => line.startsWith("| **N3**"))).toContain("tcp://localhost:8081 reachable from hostclient<br>");
    expect(markdown).toContain(
      "- **N1** · docker-layers-volumes-networks.txt:115 · lesson defect: the lesson is wrong or incomplete here — the lesson says: “Docker containers can’t talk to each other by default.”",
    );
    expect(markdown).toContain(
      "  <br>Explanation (the scenario's words, not observed): \"Docker containers can't talk to each other by default\" is only half true",
    );
    expect(markdown).toContain("| docker:dind | substitute for docker:dind, built locally | sha256:85d41742ab0d… | – |");
    expect(markdown).toContain("| dockproof/probe | dockproof's own, built locally | sha256:d12bd956fc32… | – |");
  });

  it("marks failures, known issues and substitutes; keeps table cells intact", () => {
    const failed: ScenarioReport = {
      ...recorded.scenarios[1]!,
      file: "scenarios/volumes/v2.yaml",
      name: "V2 a volume | keeps <data>",
      status: "failed",
      images: ["mongo"],
      steps: [
        step(
          { count: 0, expected: 3 },
          { check: "mongo-count", status: "failed", name: "count", error: { code: "E_EXPECTATION", message: "expected 3 documents, found 0" } },
        ),
      ],
      findings: [],
    };
    const knownIssue: ScenarioReport = {
      ...recorded.scenarios[1]!,
      file: "scenarios/z.yaml",
      name: "no id here",
      status: "known-issue",
      findings: [{ kind: "known-issue", text: "the lesson's port is wrong", lessonFile: "l.txt", lessonLine: null, step: null }],
    };
    const markdown = renderMarkdownSummary({
      durationMs: null,
      images: [...recorded.images, { ref: "mongo", id: `sha256:${"c".repeat(64)}`, digest: null, substitute: true, substituteFor: "mongo" }],
      scenarios: [knownIssue, failed],
    });
    const rows = markdown.split("\n").filter((line) => line.startsWith("| **"));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(
      /^\| \*\*V2\*\* a volume \\\| keeps &lt;data>.* \| ❌ failed<br>.* \| 0 of 3 documents<br>✗ count: expected 3 documents, found 0 \| mongo \(substitute\) \|$/,
    );
    expect(rows[1]).toMatch(/^\| \*\*no id here\*\*.* \| ⚠️ known issue<br>/);
    // A known issue is a lesson defect reproduced: it does not hold (the twin: a passed scenario does, see above).
    expect(markdown).toContain("## dockproof: 0 of 2 lesson scenarios hold");
    expect(markdown).toContain("0 passed, 1 failed, 1 known issue (lesson defects), 0 skipped · 1 finding\n");
    expect(markdown).toContain("- **z** · l.txt · known lesson bug, reproduced");
    expect(markdown).toContain("| mongo | substitute for mongo, built locally |");
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length, row).toBe(6);
  });

  it("says so when no scenario ran", () => {
    expect(renderMarkdownSummary({ durationMs: 5, images: [], scenarios: [] })).toContain("No lesson scenario ran.");
  });

  it("escapes what would break a cell", () => {
    expect(escapeCell("a | b <script> `x`\nc -> d")).toBe("a \\| b &lt;script> 'x' c -> d");
  });

  it("runs on several engines: a verdict column per engine with what it ran on, and the scenarios whose verdict differs", () => {
    const base = recorded.scenarios[0] as ScenarioReport;
    const on = (name: string, status: ScenarioReport["status"], server: string, builder: "buildkit" | "classic"): ScenarioReport => ({
      ...base,
      status,
      engine: { name, client: server, server, builder },
    });
    const markdown = renderMarkdownSummary({
      durationMs: 1,
      images: [],
      scenarios: [on("modern", "passed", "26.1.5", "buildkit"), on("legacy", "known-issue", "20.10.24", "classic")],
    });
    expect(markdown).toContain("| Lesson | Verdict (modern) | Verdict (legacy) | What the run showed | Images |");
    expect(markdown).toContain(
      "✅ passed<br><sub>16.9s · dockerd 26.1.5 · BuildKit · client 26.1.5</sub> | ⚠️ known issue<br><sub>16.9s · dockerd 20.10.24 · classic builder · client 20.10.24</sub>",
    );
    expect(markdown).toContain(
      "### Where the engines differ\n\n- **N1** modern: passed · dockerd 26.1.5 · BuildKit · client 26.1.5; legacy: known issue",
    );
    const same = renderMarkdownSummary({
      durationMs: 1,
      images: [],
      scenarios: [on("modern", "passed", "26.1.5", "buildkit"), on("legacy", "passed", "20.10.24", "classic")],
    });
    expect(same).toContain("Nowhere: every scenario has the same verdict on every engine.");
  });
});

describe("the lesson, annotated, in the summary", () => {
  const model = annotateLesson({ lesson: SYNTHETIC_LESSON, lines: syntheticLines, plans: syntheticPlans, report: syntheticReport });
  const markdown = renderMarkdownSummary(syntheticReport, { annotated: [model] });
  const section = markdown.slice(markdown.indexOf("### The lesson, annotated"), markdown.indexOf("### Findings"));

  it("is absent unless asked for (existing callers get the summary they had)", () => {
    expect(renderMarkdownSummary(syntheticReport)).not.toContain("The lesson, annotated");
    expect(renderMarkdownSummary(syntheticReport)).toBe(renderMarkdownSummary(syntheticReport, { annotated: [] }));
  });

  it("follows the scenarios table: every lesson line in a code block with its number and mark", () => {
    expect(markdown.indexOf("| **S2**")).toBeLessThan(markdown.indexOf("### The lesson, annotated"));
    expect(markdown.indexOf("### The lesson, annotated")).toBeLessThan(markdown.indexOf("### Findings"));
    const block = section.slice(section.indexOf("```text\n") + 8, section.indexOf("\n```\n"));
    expect(block.split("\n")).toEqual([
      " 1   Setup ->",
      " 2",
      " 3 ✓ docker network create net",
      " 4 ✗ docker run -d --name web nginx",
      " 5 ~ <script>alert(1)</script>",
      " 6 – docker ps",
      " 7 ○ docker logs web",
      ' 8   Tags: </details><b>bold</b> & "quotes"',
      " 9   Build ->",
      "10 ✓ FROM node:20",
      "11 ✓ RUN npm install",
      '12 ✓ CMD ["node", "index.js"]',
      "13 ✓ docker build -t app .",
      "14 ○ curl localhost:8080",
    ]);
    expect(section).toContain("**synthetic.txt** — 1 ✗ failed, 5 ✓ passed, 1 ~ demonstrated, 1 ○ not reached, 1 – waived, 1 ○ uncovered");
  });

  it("says briefly what each scenario did on marked lines only, lesson text outside the block escaped", () => {
    const items = section.split("\n").filter((line) => line.startsWith("- "));
    expect(items).toEqual([
      "- **3** ✓ S1: ✓ create the network: net_id = net",
      "- **4** ✗ S1: ✗ start web: E_EXPECTATION: expected exit code 0, found 125 · S2: ✓ start web again: passed",
      "- **5** ~ S2: ~ web answers: demonstrated by another command (reachable tcp://localhost:8080 from harness): tcp://localhost:8080 reachable from harness; ℹ note: tcp://localhost:8080 reachable from harness (&lt;img src=x onerror=alert(2)>)",
      "- **6** – S1: – waived: docker ps only shows what the learner started",
      "- **10** ✓ S2: ✓ build it: FROM node:20: cached",
      "- **11** ✓ S2: ✓ build it: RUN npm install: ran",
      '- **12** ✓ S2: ✓ build it: CMD ["node", "index.js"]: in the image',
      "- **13** ✓ S2: ✓ build it: npm install: ran",
      "- **14** ○ S1: ○ ask web: not run: an earlier step failed",
      "- ○ uncovered (no scenario runs, cites or waives them): lines 7",
      "- the whole lesson: S2: ℹ note: a note about the whole lesson",
    ]);
  });

  it("keeps a lesson line of ``` inside the block: every line there starts with its number", () => {
    // A Markdown lesson: its command is in a fenced block, and "~~~" after it is a line of prose.
    const lines = ["```bash", "docker ps", "```", "~~~"];
    const fenced = renderMarkdownSummary(syntheticReport, {
      annotated: [annotateLesson({ lesson: "f.md", lines, plans: [], report: { scenarios: [] } })],
    });
    // CommonMark: a fence is ``` or ~~~ after at most three spaces.
    const fences = (text: string) => text.split("\n").filter((line) => /^ {0,3}(?:`{3,}|~{3,})/.test(line));
    expect(fences(fenced)).toEqual(["```text", "```"]);
    expect(fenced).toContain("```text\n1   ```bash\n2 ○ docker ps\n3   ```\n4   ~~~\n```\n");
    // Twin: the same lines without their numbers would hold three more fences (the first closing the block).
    expect(fences(fenced.replace(/^\d (?:○| ) /gm, ""))).toEqual(["```text", "```bash", "```", "~~~", "```"]);
  });
});
