import { describe, expect, it } from "vitest";
import { lessonCoverage } from "./coverage.js";

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
];
const use = (runs: Array<{ line: number; ran?: boolean }>, cites: number[] = [], waives: Array<{ line: number; reason: string }> = []) => ({
  scenario: "s.yaml",
  runs,
  cites,
  waives,
  section: "Setup ->",
});

describe("the coverage ledger", () => {
  it("classifies every command-like line: run, cited, waived or uncovered; per section and in total", () => {
    const coverage = lessonCoverage("l.txt", lesson, [use([{ line: 3 }, { line: 9 }, { line: 10 }], [4], [{ line: 6, reason: "shown only" }])]);
    expect(coverage.lines.map((line) => [line.line, line.kind, line.status])).toEqual([
      [3, "command", "run"],
      [4, "command", "cited"],
      [6, "command", "waived"],
      [9, "dockerfile", "run"],
      [10, "dockerfile", "run"],
      [12, "command", "uncovered"],
    ]);
    expect(coverage.lines.find((line) => line.line === 6)?.reasons).toEqual(["shown only"]);
    expect(coverage.totals).toEqual({ run: 3, cited: 1, waived: 1, "not-reached": 0, uncovered: 1 });
    expect(coverage.sections.map((section) => [section.heading, section.counts.uncovered])).toEqual([
      ["Setup ->", 0],
      ["Build ->", 1],
    ]);
  });

  it("with a run's report, a line whose step never ran is not reached (not run)", () => {
    const coverage = lessonCoverage("l.txt", lesson, [
      use([
        { line: 3, ran: true },
        { line: 4, ran: false },
      ]),
    ]);
    expect(coverage.lines.slice(0, 2).map((line) => line.status)).toEqual(["run", "not-reached"]);
  });
});
