import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { defaultLessonsDir, repoRoot } from "../support/paths.js";
import { coverageCommand, coverageOf } from "./coverage-command.js";

describe("dockproof coverage", () => {
  it("the seed lesson: every command-like line run, cited or waived, none uncovered", async () => {
    const { coverages, problems } = await coverageOf([path.join(repoRoot, "scenarios")], defaultLessonsDir(), null);
    expect(problems).toEqual([]);
    expect(coverages).toHaveLength(1);
    expect(coverages[0]?.totals.uncovered).toBe(0);
    expect(coverages[0]?.lines.filter((line) => line.kind === "command")).toHaveLength(12);
  });

  it("--strict exits 1 when lines are uncovered (the volumes folder alone leaves the network lines)", async () => {
    vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const lessonsDir = defaultLessonsDir();
    expect(await coverageCommand({ paths: [path.join(repoRoot, "scenarios/volumes")], lessonsDir, json: null, report: null, strict: true })).toBe(1);
    expect(await coverageCommand({ paths: [path.join(repoRoot, "scenarios/volumes")], lessonsDir, json: null, report: null, strict: false })).toBe(0);
    expect(await coverageCommand({ paths: [path.join(repoRoot, "scenarios")], lessonsDir, json: null, report: null, strict: true })).toBe(0);
    vi.restoreAllMocks();
  });
});
