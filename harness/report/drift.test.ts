import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../cli/main.js";
import { repoRoot } from "../support/paths.js";
import { compareResults, formatDrift } from "./drift.js";
import { parseResults, readResults, type ResultsFile } from "./results-file.js";

const fixture = (name: string) => join(repoRoot, "fixtures/reports", name);
const BEFORE = fixture("results-before.json");
const AFTER = fixture("results-after.json");

/** Runs the CLI in-process; returns its exit code and what it printed. */
async function dockproof(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (out.push(String(chunk)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (err.push(String(chunk)), true));
  try {
    const code = await main(argv);
    return { code, stdout: out.join(""), stderr: err.join("") };
  } finally {
    vi.restoreAllMocks();
  }
}

let tmp = "";
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "dockproof-drift-"));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const write = async (name: string, content: unknown) => {
  const file = join(tmp, name);
  await writeFile(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
};

describe("compareResults / dockproof diff", () => {
  it("two recorded runs differing in one image digest and one verdict: exactly that regression and that image change, exit 1", async () => {
    const [before, after] = [await readResults(BEFORE), await readResults(AFTER)];
    const drift = compareResults(before, after);
    expect(drift.verdicts).toEqual([
      {
        file: "scenarios/volumes/v2-named-volume.yaml",
        // Version 1 results (before engines were a dimension) were the legacy engine's.
        engine: "legacy",
        label: "V2 [legacy]",
        was: "passed",
        now: "failed",
        regressed: true,
        images: [
          { ref: "mongo", was: `mongo@sha256:${"a".repeat(64)}`, now: `mongo@sha256:${"b".repeat(64)}`, wasSubstitute: false, nowSubstitute: false },
        ],
      },
    ]);
    expect(drift.images.map((image) => image.ref)).toEqual(["mongo"]);
    expect(drift.regressed).toBe(true);
    expect(formatDrift(drift)).toEqual([
      "V2 [legacy] now fails (was passed); mongo changed sha256:aaaaaaaaaaaa… -> sha256:bbbbbbbbbbbb…  (scenarios/volumes/v2-named-volume.yaml; a regression)",
    ]);

    const result = await dockproof("diff", BEFORE, AFTER);
    expect(result.code).toBe(1);
    expect(result.stdout.trim().split("\n")).toEqual([
      `drift ${BEFORE} -> ${AFTER}:`,
      "  V2 [legacy] now fails (was passed); mongo changed sha256:aaaaaaaaaaaa… -> sha256:bbbbbbbbbbbb…  (scenarios/volumes/v2-named-volume.yaml; a regression)",
    ]);
    expect(result.stderr).toBe("");
  });

  it("the same run twice: nothing changed, exit 0", async () => {
    const result = await dockproof("diff", BEFORE, BEFORE);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("no verdict and no image changed");
  });

  it("the other way round is a fix, not a regression: exit 0", async () => {
    const result = await dockproof("diff", AFTER, BEFORE);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("V2 [legacy] now passes (was failed); mongo changed sha256:bbbbbbbbbbbb… -> sha256:aaaaaaaaaaaa…");
    expect(result.stdout).not.toContain("regression");
  });

  it("known-issue -> failed regresses; passed -> known-issue, new and dropped scenarios do not", () => {
    const base = parseResults(JSON.stringify({ kind: "dockproof-results", version: 1, createdAt: "", images: {}, scenarios: {} }), "x");
    const scenario = (verdict: string, file = "") => ({ verdict, name: "", images: [], file, engine: "modern" });
    const before = {
      ...base,
      scenarios: { "a.yaml": scenario("known-issue", "a.yaml"), "b.yaml": scenario("passed", "b.yaml"), "c.yaml": scenario("passed", "c.yaml") },
    } as ResultsFile;
    const after = {
      ...base,
      scenarios: { "a.yaml": scenario("failed", "a.yaml"), "b.yaml": scenario("known-issue", "b.yaml"), "d.yaml": scenario("failed", "d.yaml") },
    } as ResultsFile;
    const drift = compareResults(before, after);
    expect(drift.verdicts.map((change) => [change.file, change.was, change.now, change.regressed])).toEqual([
      ["a.yaml", "known-issue", "failed", true],
      ["b.yaml", "passed", "known-issue", false],
      ["c.yaml", "passed", null, false],
      ["d.yaml", null, "failed", false],
    ]);
    expect(formatDrift(drift)).toEqual([
      "a [modern] now fails (was known-issue)  (a.yaml; a regression)",
      "b [modern] now fails as a known issue (was passed)  (b.yaml)",
      "c [modern] is no longer run (was passed)  (c.yaml)",
      "d [modern] is new and fails  (d.yaml)",
    ]);
  });

  it("an image that changed with no verdict change is still reported, and a full --json run report is accepted", async () => {
    const result = await dockproof("diff", BEFORE, fixture("run-n1-n3.json"));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("docker:dind changed sha256:111111111111… -> sha256:85d41742ab0d… (substitute) (no verdict changed with it)");
    expect(result.stdout).toContain("V2 [legacy] is no longer run (was passed)");
  });

  it.each([
    ["missing.json", null, "missing.json: expected a readable dockproof results file, found no such file"],
    ["empty.json", "", "empty.json: expected JSON (a dockproof results file), found an empty file"],
    ["truncated.json", '{"kind": "dockproof-results", ', "truncated.json: expected JSON (a dockproof results file), found text that does not parse"],
    ["list.json", [], 'list.json: expected a dockproof results file (a JSON object with kind "dockproof-results"), found a list of 0'],
    ["other.json", { name: "dockproof" }, 'other.json: expected kind to be "dockproof-results", found nothing'],
    [
      "future.json",
      { kind: "dockproof-results", version: 3, createdAt: "", images: {}, scenarios: {} },
      "future.json: expected version to be 1 or 2 (the results formats this dockproof reads), found 3",
    ],
    [
      "verdict.json",
      { kind: "dockproof-results", version: 1, createdAt: "", images: {}, scenarios: { "a.yaml": { verdict: "ok", name: "A", images: [] } } },
      'verdict.json: expected scenarios["a.yaml"].verdict to be one of passed, failed, known-issue, review, unverified, skipped, error, found "ok"',
    ],
    [
      "image.json",
      { kind: "dockproof-results", version: 1, createdAt: "", images: { mongo: { id: 7, digest: null, substitute: false } }, scenarios: {} },
      "image.json: expected images.mongo.id to be an image id string, found 7",
    ],
    [
      "report.json",
      { version: 1, images: [], scenarios: [{ file: "a.yaml", name: "A", status: "green", images: [] }] },
      'report.json: expected scenarios[0].status to be one of passed, failed, known-issue, review, unverified, skipped, error, found "green"',
    ],
  ])("%s: exit 2 with `file: expected … found …`", async (name, content, message) => {
    const file = content === null ? join(tmp, name) : await write(name, content);
    const result = await dockproof("diff", file, BEFORE);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(`dockproof: ${join(tmp, message)}`);
    expect(result.stderr).not.toMatch(/^ {4}at /m);
  });

  it("run --baseline with an unreadable file exits 2 before anything runs", async () => {
    const bad = await write("baseline.json", "not json");
    const results = join(tmp, "results-not-written.json");
    const result = await dockproof("run", "scenarios/networks/n1-default-bridge.yaml", "--baseline", bad, "--results", results);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`dockproof: ${bad}: expected JSON (a dockproof results file), found text that does not parse`);
    await expect(readFile(results)).rejects.toThrow(/ENOENT/);
  });
});
