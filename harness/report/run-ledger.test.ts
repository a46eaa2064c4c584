import { describe, expect, it } from "vitest";
import type { RunReport, ScenarioReport, StepReport } from "../model/report-types.js";
import { junitXml } from "./junit-report.js";
import { renderMarkdownSummary } from "./markdown-summary.js";
import { ledgerHeadline, runLedgers } from "./run-ledger.js";
import { summarizeRun } from "./summarize-run.js";

const LESSON = [
  "Volumes ->",
  "",
  "docker run -d --name db mongo",
  "",
  "Your data will persist.",
  "",
  "Restart it and the data will go away.",
  "",
  "docker rm -f db",
];
const claim = (line: number, role: "proves" | "contradicts" = "proves") => ({ line, role, text: LESSON[line - 1] ?? "", review: null });
const step = (name: string, fields: Partial<StepReport>): StepReport => ({
  name,
  kind: "run",
  command: name,
  lessonLine: null,
  status: "passed",
  durationMs: 1,
  evidence: {},
  error: null,
  ...fields,
});
const scenario = (engine: string, status: ScenarioReport["status"], steps: StepReport[]): ScenarioReport => ({
  file: "scenarios/v.yaml",
  name: "V the volume",
  engine: { name: engine, client: null, server: null, builder: null },
  lesson: { file: "volumes.txt", section: "Volumes ->", lines: [1, 9] },
  status,
  durationMs: 1,
  sandbox: null,
  images: ["mongo"],
  waives: [],
  lessonFiles: [],
  steps,
  findings: [],
  error: null,
});
const ran = [step("docker run -d --name db mongo", { runsLesson: 3 }), step("docker rm -f db", { runsLesson: 9 })];
const report: RunReport = {
  version: 2,
  durationMs: 10,
  images: [],
  scenarios: [
    scenario("modern", "passed", [
      ...ran,
      step("persists", { kind: "check", claims: [claim(5)] }),
      step("restart keeps it", { kind: "check", claims: [claim(7, "contradicts")] }),
    ]),
    scenario("legacy", "unverified", [
      ...ran,
      step("persists", { kind: "check", claims: [claim(5)], status: "unverified" }),
      step("restart keeps it", { kind: "check", claims: [claim(7, "contradicts")] }),
    ]),
  ],
};

describe("the ledger of a run, from its report alone", () => {
  const ledgers = runLedgers(report.scenarios, new Map([["volumes.txt", LESSON]]));
  const headline =
    "volumes.txt: 2 claims — 0 proved, 1 lesson defect, 1 unverified, 0 to review, 0 not run, 0 waived, 0 unchecked; 2 of 2 commands run";

  it("a claim is proved only where every engine proved it, and one contradiction is a lesson defect", () => {
    expect(ledgerHeadline(ledgers[0] as NonNullable<(typeof ledgers)[0]>)).toBe(headline);
    // The twin: on one engine alone, the claim it proved is proved.
    const modernOnly = runLedgers(report.scenarios.slice(0, 1), new Map([["volumes.txt", LESSON]]));
    expect(modernOnly[0]?.claims).toMatchObject({ proved: 1, contradicted: 1, unverified: 0 });
  });

  it("the console, the Markdown summary and the JUnit report carry the same headline", () => {
    expect(summarizeRun(report, ledgers)).toContain(`\n${headline}\n`);
    expect(renderMarkdownSummary(report, { ledgers })).toContain(`**${headline}**`);
    expect(junitXml(report, ledgers)).toContain(`<property name="dockproof.ledger" value="${headline}"/>`);
    expect(junitXml(report, ledgers)).toContain('<property name="dockproof.claims.contradicted" value="1"/>');
  });

  it("a known issue reproduced on a command line is a lesson defect in the headline, though no claim", () => {
    const failing = scenario("modern", "known-issue", [step("docker rm -f db", { runsLesson: 9, status: "failed" })]);
    const finding = {
      kind: "known-issue" as const,
      text: "observed: no such container",
      lessonFile: "volumes.txt",
      lessonLine: 9,
      step: "docker rm -f db",
    };
    const withIssue = [report.scenarios[0] as ScenarioReport, { ...failing, file: "scenarios/rm.yaml", findings: [finding] }];
    const [ledger] = runLedgers(withIssue, new Map([["volumes.txt", LESSON]]));
    expect(ledger?.commandDefects).toEqual([9]);
    expect(ledgerHeadline(ledger as NonNullable<typeof ledger>)).toMatch(/; 2 of 2 commands run, 1 failing as written \(line 9\)$/);
    // The twin: the same failure in a scenario that failed (no known issue) is a failure, not a counted defect here.
    const [plain] = runLedgers([{ ...failing, status: "failed", findings: [finding] }], new Map([["volumes.txt", LESSON]]));
    expect(plain?.commandDefects).toEqual([]);
  });

  it("a step meant to show a claim false that failed leaves the claim unverified, not a defect; one meant to prove it, a defect", () => {
    const failing = (role: "proves" | "contradicts") =>
      runLedgers(
        [scenario("modern", "failed", [step("restart keeps it", { kind: "check", claims: [claim(7, role)], status: "failed" })])],
        new Map([["volumes.txt", LESSON]]),
      )[0]?.claims;
    expect(failing("contradicts")).toMatchObject({ contradicted: 0, unverified: 1 });
    expect(failing("proves")).toMatchObject({ contradicted: 1, unverified: 0 });
  });
});
