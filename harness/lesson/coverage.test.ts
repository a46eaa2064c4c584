import { describe, expect, it } from "vitest";
import { type ClaimUse, lessonCoverage } from "./coverage.js";

const lesson = [
  "Setup ->",
  "",
  "docker network create net",
  "docker run -d --name a alpine",
  "Open it in a GUI",
  "docker ps",
  "",
  "Build ->",
  "FROM node:20",
  "COPY . .",
  "",
  "docker build -t x .",
  "",
  "Claims ->",
  "The container will answer on port 80.",
  "Its data persists after a restart.",
  "You can't reach it by name.",
  "Nothing is shared by default.",
  "A plain sentence about Docker.",
  "Containers are light.",
  "Docker is a tool.",
];
const use = (
  runs: Array<{ line: number; ran?: boolean }>,
  cites: number[] = [],
  waives: Array<{ line: number; reason: string }> = [],
  claims: ClaimUse[] = [],
) => ({ scenario: "s.yaml", runs, cites, waives, claims, section: "Setup ->" });
const claim = (line: number, outcome?: ClaimUse["outcome"]): ClaimUse => ({
  line,
  scenario: "s.yaml",
  step: `proves ${line}`,
  ...(outcome ? { outcome } : {}),
});

describe("the ledger", () => {
  it("gives every non-blank line its kind; lines a learner types are run, cited, waived or uncovered; per section and in total", () => {
    const coverage = lessonCoverage("l.txt", lesson, [use([{ line: 3 }, { line: 9 }, { line: 10 }], [4], [{ line: 6, reason: "shown only" }])]);
    expect(
      coverage.lines.filter((line) => line.kind === "command" || line.kind === "file").map((line) => [line.line, line.kind, line.status]),
    ).toEqual([
      [3, "command", "run"],
      [4, "command", "cited"],
      [6, "command", "waived"],
      [9, "file", "run"],
      [10, "file", "run"],
      [12, "command", "uncovered"],
    ]);
    expect(coverage.lines.find((line) => line.line === 5)).toMatchObject({ kind: "instruction", status: null });
    expect(coverage.lines.find((line) => line.line === 1)).toMatchObject({ kind: "heading", status: null });
    expect(coverage.lines.find((line) => line.line === 6)?.reasons).toEqual(["shown only"]);
    expect(coverage.totals).toEqual({ run: 3, cited: 1, waived: 1, "not-reached": 0, uncovered: 1 });
    expect(coverage.sections.map((section) => [section.heading, section.counts.uncovered])).toEqual([
      ["Setup ->", 0],
      ["Build ->", 1],
      ["Claims ->", 0],
    ]);
  });

  it("with a run's report, a line whose step never ran is not reached (not run)", () => {
    const coverage = lessonCoverage("l.txt", lesson, [
      use([
        { line: 3, ran: true },
        { line: 4, ran: false },
      ]),
    ]);
    expect(coverage.lines.slice(1, 3).map((line) => line.status)).toEqual(["run", "not-reached"]);
  });

  it("claims: proposed by their words, and each proved, contradicted, review, claimed, waived or unchecked", () => {
    const coverage = lessonCoverage("l.txt", lesson, [
      use(
        [],
        [18],
        [{ line: 16, reason: "a GUI step" }],
        [claim(15, "proved"), claim(17, "contradicted"), claim(17, "proved"), claim(19, "review"), claim(20)],
      ),
    ]);
    const claims = coverage.lines.filter((line) => line.kind === "claim").map((line) => [line.line, line.status]);
    expect(claims).toEqual([
      [15, "proved"],
      [16, "waived"],
      [17, "contradicted"], // one step showing it false is a lesson defect, whatever another showed
      [18, "unchecked"], // a citation proves nothing
      [19, "review"], // a line a step proves is a claim, whatever its words
      [20, "claimed"], // a step proves it; no report given
    ]);
    expect(coverage.lines.find((line) => line.line === 21)).toMatchObject({ kind: "prose", status: null });
    expect(coverage.claims).toMatchObject({ proved: 1, contradicted: 1, review: 1, claimed: 1, waived: 1, unchecked: 1 });
    expect(coverage.lines.find((line) => line.line === 17)?.proofs?.map((proof) => proof.outcome)).toEqual(["contradicted", "proved"]);
  });
});
