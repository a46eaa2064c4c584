import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { defaultLessonsDir, repoRoot } from "../support/paths.js";
import { coverageCommand, coverageOf } from "./coverage-command.js";

describe("dockproof coverage", () => {
  it("the seed lesson: every command and Dockerfile line run, every claim checked or waived (none unchecked)", async () => {
    const { coverages, problems } = await coverageOf([path.join(repoRoot, "scenarios")], defaultLessonsDir(), null);
    expect(problems).toEqual([]);
    expect(coverages).toHaveLength(1);
    expect(coverages[0]?.totals.uncovered).toBe(0);
    expect(coverages[0]?.claims.unchecked).toBe(0);
    expect(coverages[0]?.lines.filter((line) => line.kind === "command")).toHaveLength(12);
    expect(coverages[0]?.lines.filter((line) => line.kind === "claim").length).toBeGreaterThanOrEqual(20);
  });

  it("--strict exits 1 when lines are uncovered (the volumes folder alone leaves the network lines)", async () => {
    vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const lessonsDir = defaultLessonsDir();
    expect(await coverageCommand({ paths: [path.join(repoRoot, "scenarios/volumes")], lessonsDir, json: null, report: null, strict: true })).toBe(1);
    expect(await coverageCommand({ paths: [path.join(repoRoot, "scenarios/volumes")], lessonsDir, json: null, report: null, strict: false })).toBe(0);
    expect(await coverageCommand({ paths: [path.join(repoRoot, "scenarios")], lessonsDir, json: null, report: null, strict: true })).toBe(0);
    vi.restoreAllMocks();
  });

  it("a lesson of our own with a claim no step checks: --strict exits 1 naming its line and text; the JSON lists each claim", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "dockproof-coverage-claims-"));
    await cp(path.join(repoRoot, "fixtures/claims"), dir, { recursive: true });
    // The twin of the fixture: the step that proves line 9 is gone, so the claim is checked by nothing.
    const file = path.join(dir, "scenarios/securing-mongo.yaml");
    const text = await readFile(file, "utf8");
    await writeFile(file, text.replace(/ {2}- name: without the password the server refuses you\n(?: {4}.*\n)+?(?= {2}- name)/, ""));
    const stderr: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (stderr.push(String(chunk)), true));
    const json = path.join(dir, "coverage.json");
    const args = { paths: [path.join(dir, "scenarios")], lessonsDir: path.join(dir, "lessons"), json, report: null, strict: true };
    expect(await coverageCommand(args)).toBe(1);
    vi.restoreAllMocks();
    expect(stderr.join("")).toContain("securing-mongo.txt:9: claim UNCHECKED: Without the password the server refuses you.");
    const written = JSON.parse(await readFile(json, "utf8")) as {
      lessons: Array<{ lines: Array<{ line: number; kind: string; status: string; proofs?: Array<{ step: string }> }> }>;
    };
    const claims = written.lessons[0]?.lines
      .filter((line) => line.kind === "claim")
      .map((line) => [line.line, line.status, line.proofs?.map((proof) => proof.step) ?? []]);
    expect(claims).toEqual([
      [7, "claimed", ["with the lesson's connection string you can write data"]],
      [9, "unchecked", []],
      [11, "claimed", ["the data went with the container"]],
    ]);
    // The fixture as it is: nothing unchecked, --strict passes.
    vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const fixture = path.join(repoRoot, "fixtures/claims");
    expect(
      await coverageCommand({
        paths: [path.join(fixture, "scenarios")],
        lessonsDir: path.join(fixture, "lessons"),
        json: null,
        report: null,
        strict: true,
      }),
    ).toBe(0);
    vi.restoreAllMocks();
  });
});
