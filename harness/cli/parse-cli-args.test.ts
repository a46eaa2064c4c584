import { describe, expect, it } from "vitest";
import { InvalidInputError } from "../support/errors.js";
import { parseCliArgs } from "./parse-cli-args.js";

/** The usage error parseCliArgs throws for argv (fails the test if it does not throw one). */
function usageError(argv: string[]): InvalidInputError {
  try {
    parseCliArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).code).toBe("E_USAGE");
    return error as InvalidInputError;
  }
  throw new Error(`expected parseCliArgs(${JSON.stringify(argv)}) to throw`);
}

describe("parseCliArgs", () => {
  it("defaults every option for a bare command", () => {
    expect(parseCliArgs(["run"])).toEqual({
      command: "run",
      paths: [],
      json: null,
      summary: null,
      results: "reports/results.json",
      baseline: null,
      images: "auto",
      isolation: "dind",
      concurrency: 2,
      prestart: "auto",
      lessonsDir: null,
      strict: false,
      report: null,
      html: null,
      junit: null,
      section: null,
      out: null,
      engines: null,
      changedSince: null,
    });
  });

  it("reads paths and every option", () => {
    const args = parseCliArgs([
      "run",
      "scenarios/networks",
      "fixtures/self-tests/hang.yaml",
      "--json",
      "out/report.json",
      "--images",
      "offline",
      "--isolation",
      "host",
      "--concurrency",
      "16",
      "--lessons",
      "../lessons",
      "--summary",
      "out/summary.md",
      "--results",
      "out/results.json",
      "--baseline",
      "old/results.json",
      "--html",
      "out/lesson.html",
      "--junit",
      "out/junit.xml",
      "--engines",
      "modern,legacy",
      "--changed-since",
      "old/results.json",
      "--prestart",
      "0",
    ]);
    expect(args).toEqual({
      command: "run",
      paths: ["scenarios/networks", "fixtures/self-tests/hang.yaml"],
      json: "out/report.json",
      summary: "out/summary.md",
      results: "out/results.json",
      baseline: "old/results.json",
      images: "offline",
      isolation: "host",
      concurrency: 16,
      prestart: 0,
      lessonsDir: "../lessons",
      strict: false,
      report: null,
      html: "out/lesson.html",
      junit: "out/junit.xml",
      section: null,
      out: null,
      engines: "modern,legacy",
      changedSince: "old/results.json",
    });
    expect(parseCliArgs(["coverage", "--strict", "--report", "r.json"])).toMatchObject({ command: "coverage", strict: true, report: "r.json" });
    expect(parseCliArgs(["scaffold", "l.txt", "--section", "With volumes ->", "--out", "s.yaml"])).toMatchObject({
      section: "With volumes ->",
      out: "s.yaml",
    });
    expect(parseCliArgs(["validate", "a.yaml"])).toMatchObject({ command: "validate", paths: ["a.yaml"] });
    expect(parseCliArgs(["list", "--images=online"])).toMatchObject({ command: "list", images: "online" });
  });

  it("scaffold takes exactly one lesson file", () => {
    expect(usageError(["scaffold"]).message).toBe("scaffold: expected one lesson file (relative to the lessons directory), found none");
    expect(usageError(["scaffold", "a.txt", "b.txt"]).message).toContain('found "a.txt" "b.txt"');
  });

  it("answers help for no command, `help`, -h and --help", () => {
    for (const argv of [[], ["help"], ["-h"], ["run", "--help"]]) {
      expect(parseCliArgs(argv).command, JSON.stringify(argv)).toBe("help");
    }
  });

  it("rejects a bad --images naming the option, the choices and the value found", () => {
    expect(usageError(["run", "--images", "bogus"]).message).toBe('--images: expected one of auto, online, offline, found "bogus"');
  });

  it("rejects a bad --isolation naming the option and the value found", () => {
    expect(usageError(["run", "--isolation", "vm"]).message).toBe('--isolation: expected one of dind, host, found "vm"');
  });

  it.each(["17", "1.5", "some", "", " 2"])("rejects --prestart %j", (value) => {
    expect(usageError(["run", "--prestart", value]).message).toBe(`--prestart: expected auto or an integer 0-16, found "${value}"`);
  });

  it.each(["0", "17", "1.5", "two", ""])("rejects --concurrency %j", (value) => {
    expect(usageError(["run", "--concurrency", value]).message).toBe(`--concurrency: expected an integer 1-16, found "${value}"`);
  });

  it("rejects an unknown flag, naming it", () => {
    expect(usageError(["run", "--verbose"]).message).toContain("--verbose");
    expect(usageError(["run", "-x"]).message).toContain("-x");
  });

  it("rejects an option without its value", () => {
    expect(usageError(["run", "--json"]).message).toContain("--json");
  });

  it("rejects an unknown command naming the commands and what it found", () => {
    const error = usageError(["verify", "scenarios"]);
    expect(error.message).toBe('expected a command run, validate, list, fix, coverage, status, scaffold, engines or diff, found "verify"');
    expect(error.message).not.toContain("--command");
  });

  it("reads diff OLD NEW and insists on exactly two files", () => {
    expect(parseCliArgs(["diff", "old.json", "new.json"])).toMatchObject({ command: "diff", paths: ["old.json", "new.json"] });
    expect(usageError(["diff", "old.json"]).message).toBe('diff: expected two results files (OLD NEW), found "old.json"');
    expect(usageError(["diff"]).message).toBe("diff: expected two results files (OLD NEW), found none");
    expect(usageError(["diff", "a", "b", "c"]).message).toBe('diff: expected two results files (OLD NEW), found "a" "b" "c"');
  });

  it("rejects an empty file name for --summary, --results and --baseline", () => {
    for (const flag of ["summary", "results", "baseline"]) {
      expect(usageError(["run", `--${flag}=`]).message).toBe(`--${flag}: expected a file name, found ""`);
    }
  });
});
