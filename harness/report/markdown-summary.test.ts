import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/paths.js";
import { buildCacheInWords, evidenceInWords, scenarioEvidence } from "./evidence-words.js";
import { escapeCell, renderMarkdownSummary } from "./markdown-summary.js";
import type { RunReport, ScenarioReport, StepReport } from "./report-types.js";

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
  it("says what resolve and reach checks saw, from where", () => {
    expect(evidenceInWords(step({ from: "backend", name: "mongo", resolved: true, addresses: ["172.18.0.3"], via: "getent" }))).toEqual([
      "mongo -> 172.18.0.3 from backend",
    ]);
    expect(evidenceInWords(step({ from: "alpha", name: "beta", resolved: false, addresses: [] }))).toEqual(["beta does not resolve from alpha"]);
    expect(evidenceInWords(step({ from: null, target: "tcp://localhost:8080", reachable: true, detail: "TCP connection accepted" }))).toEqual([
      "tcp://localhost:8080 reachable from harness",
    ]);
    expect(evidenceInWords(step({ from: "alpha", target: "tcp://localhost:8080", reachable: false }))).toEqual([
      "tcp://localhost:8080 unreachable from alpha",
    ]);
    expect(
      evidenceInWords(step({ from: null, target: "http://localhost:3000/roundtrip", reachable: true, status: 200, body: '{"match":true}' })),
    ).toEqual(["http://localhost:3000/roundtrip reachable from harness (HTTP 200)"]);
    expect(evidenceInWords(step({ container: "backend", text: "connected", line: "db connected" }))).toEqual(['logs of backend show "connected"']);
  });

  it("says counts, cache hits and short captured values; a check's own summary wins", () => {
    expect(evidenceInWords(step({ count: 3, expected: 3, unit: "documents", when: "after restart" }))).toEqual(["3 of 3 documents after restart"]);
    expect(evidenceInWords(step({ count: "0", unit: "documents" }))).toEqual(["0 documents"]);
    expect(evidenceInWords(step({ instruction: "npm install", cached: true }))).toEqual(["npm install: cached"]);
    expect(
      evidenceInWords(
        step({
          layers: [
            { instruction: "RUN npm install", cached: true },
            { instruction: "COPY . .", cached: false },
          ],
        }),
      ),
    ).toEqual(["RUN npm install: cached", "COPY . .: not cached"]);
    const captured = { exitCode: 0, stdout: "172.18.0.3", captured: { beta_ip: "172.18.0.3" } };
    expect(evidenceInWords(step(captured, { kind: "run" }))).toEqual(["beta_ip = 172.18.0.3"]);
    // A container id is no evidence a reader wants.
    expect(
      evidenceInWords(step({ captured: { alpha_id: "857e9c87b3dde60fd6c00c01b07c4293c984544e4a243ddf41031dfef65321ef" } }, { kind: "run" })),
    ).toEqual([]);
    expect(evidenceInWords(step({ summary: "2 layers shared", count: 2 }))).toEqual(["2 layers shared"]);
  });

  it("words the evidence of the mongo, build and image checks", () => {
    expect(evidenceInWords(step({ target: "mongodb://localhost:27017", ping: 1, pingMs: 3 }))).toEqual([]);
    expect(evidenceInWords(step({ target: "mongodb://localhost:27017", namespace: "course.notes", acknowledged: true, inserted: 3 }))).toEqual([
      "3 documents written to course.notes",
    ]);
    expect(
      evidenceInWords(step({ target: "mongodb://localhost:27017", namespace: "course.notes", count: 3, expected: 3, documents: [{}, {}, {}] })),
    ).toEqual(["3 of 3 documents in course.notes"]);
    expect(evidenceInWords(step({ namespace: "course.notes", count: 0, expected: 0, documents: [] }))).toEqual(["0 documents in course.notes"]);
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
    expect(evidenceInWords(step({ images: ["node:20", "image_tag"], shared: 5, bytes: 120_345_678 }))).toEqual([
      "node:20 and image_tag share 5 layers (120.3 MB)",
    ]);
    const layers = [
      { digest: "a", instruction: "COPY file:1 in ." },
      { digest: "b", instruction: "RUN npm install" },
    ];
    expect(evidenceInWords(step({ image: "image_tag", base: "node:20", baseLayers: 7, layers }))).toEqual([
      "image_tag: 7 layers of node:20, then 2 of its own (COPY, RUN)",
    ]);
    expect(evidenceInWords(step({ left: "sha256:abc", right: "sha256:abc", equal: true }))).toEqual(['both "sha256:abc"']);
    expect(evidenceInWords(step({ left: "a", right: "b", equal: false }))).toEqual(['"a" ≠ "b"']);
  });

  it("reads cache hits from docker build output (BuildKit plain progress and the classic builder)", () => {
    const buildkit = [
      "#5 [2/5] WORKDIR /usr/src/app",
      "#5 CACHED",
      "#7 [4/5] RUN npm install",
      "#7 CACHED",
      "#9 [5/5] RUN npm run build",
      "#9 0.4 > build",
      "#9 DONE 2.1s",
    ].join("\n");
    expect(buildCacheInWords(buildkit)).toEqual(["npm install: cached", "npm run build: ran"]);
    const classic = [
      "Step 3/6 : RUN npm install",
      " ---> Using cache",
      " ---> 1a2b",
      "Step 4/6 : COPY . .",
      "Step 5/6 : RUN npm run build",
      " ---> Running in 9f",
    ].join("\n");
    expect(buildCacheInWords(classic)).toEqual(["npm install: cached", "npm run build: ran"]);
    const run = step({ exitCode: 0, stdout: "", stderr: buildkit }, { kind: "run", command: "docker build -t image_tag ." });
    expect(evidenceInWords(run)).toEqual(["npm install: cached", "npm run build: ran"]);
  });

  it("names a failed step with its error, a passed cited run step by its name, and counts skipped steps", () => {
    expect(
      evidenceInWords(
        step(
          { from: "alpha", name: "beta", resolved: false },
          { status: "failed", name: "alpha resolves beta", error: { code: "E_EXPECTATION", message: 'expected "beta" to resolve\nmore' } },
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
    expect(lines).toContain("2 passed, 0 failed, 0 known issues, 0 skipped · 1 finding · 17.1s");
    const n1 = lines.find((line) => line.startsWith("| **N1** default bridge"));
    expect(n1).toBe(
      '| **N1** default bridge: no names, and localhost is the container\'s own<br><sub>docker-layers-volumes-networks.txt "Network ->" lines 112-116 · scenarios/networks/n1-default-bridge.yaml</sub>' +
        " | ✅ passed<br><sub>16.9s</sub>" +
        " | beta does not resolve from alpha<br>beta_ip = 172.18.0.3<br>tcp://172.18.0.3:80 reachable from alpha<br>tcp://localhost:8080 reachable from harness<br>tcp://localhost:8080 unreachable from alpha" +
        " | dockproof/probe |",
    );
    expect(lines.find((line) => line.startsWith("| **N3**"))).toContain("tcp://localhost:8081 reachable from hostclient<br>");
    expect(markdown).toContain(
      "- **N1** · docker-layers-volumes-networks.txt:115 · the lesson is wrong or incomplete here — the lesson says: “Docker containers can’t talk to each other by default.”",
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
          { count: 0, expected: 3, unit: "documents" },
          { status: "failed", name: "count", error: { code: "E_EXPECTATION", message: "expected 3 documents, found 0" } },
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
    expect(markdown).toContain("## dockproof: 1 of 2 lesson scenarios hold");
    expect(markdown).toContain("0 passed, 1 failed, 1 known issue, 0 skipped · 1 finding\n");
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
});
