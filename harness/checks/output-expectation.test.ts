import { describe, expect, it } from "vitest";
import type { ProcessResult } from "../support/run-process.js";
import { checkOutput } from "./output-expectation.js";

const result = (overrides: Partial<ProcessResult> = {}): ProcessResult => ({
  argv: ["docker", "ps"],
  exitCode: 0,
  stdout: "",
  stderr: "",
  durationMs: 5,
  timedOut: false,
  lines: [],
  ...overrides,
});

describe("checkOutput", () => {
  it("expects exit code 0 by default", () => {
    expect(checkOutput(result())).toMatchObject({ passed: true, message: "exit code 0" });
    const failed = checkOutput(result({ exitCode: 1 }));
    expect(failed.passed).toBe(false);
    expect(failed.message).toBe("expected exit code 0, found 1");
  });

  it("names the expected and found exit codes, with stderr, when they differ", () => {
    const outcome = checkOutput(result({ exitCode: 0, stderr: "  all fine\n" }), { exitCode: 125 });
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toBe("expected exit code 125, found 0 (stderr: all fine)");
    expect(checkOutput(result({ exitCode: undefined }), {}).message).toContain("found none");
  });

  it("accepts a non-zero exit code the scenario expects", () => {
    expect(checkOutput(result({ exitCode: 125 }), { exitCode: 125 }).passed).toBe(true);
  });

  it("checks contains, notContains and matches on stdout and stderr", () => {
    const out = result({ stdout: "NETWORK ID  bridge\n172.17.0.2\n", stderr: "warning: x" });
    expect(
      checkOutput(out, {
        stdout: { contains: "bridge", notContains: "host", matches: "^\\d+\\.\\d+\\.\\d+\\.\\d+$" },
        stderr: { contains: "warning" },
      }).passed,
    ).toBe(true);

    expect(checkOutput(out, { stdout: { contains: "overlay" } }).message).toBe(
      'expected stdout to contain "overlay", found "NETWORK ID  bridge\\n172.17.0.2\\n"',
    );
    expect(checkOutput(out, { stdout: { notContains: "bridge" } }).message).toMatch(/^expected stdout not to contain "bridge", found /);
    expect(checkOutput(out, { stdout: { matches: "^bridge$" } }).message).toMatch(
      /^expected stdout to match \/\^bridge\$\/ \(on some line\), found /,
    );
    expect(checkOutput(out, { stderr: { notContains: "warning" } }).message).toMatch(/^expected stderr not to contain "warning"/);
  });

  it("joins every failure with '; '", () => {
    const outcome = checkOutput(result({ exitCode: 2, stdout: "abc", stderr: "" }), {
      stdout: { contains: "xyz", matches: "^z" },
      stderr: { contains: "err" },
    });
    expect(outcome.passed).toBe(false);
    expect(outcome.message.split("; ")).toEqual([
      "expected exit code 0, found 2",
      'expected stdout to contain "xyz", found "abc"',
      'expected stdout to match /^z/ (on some line), found "abc"',
      'expected stderr to contain "err", found ""',
    ]);
  });

  it("keeps the exit code and output as evidence, truncating long output", () => {
    const outcome = checkOutput(result({ stdout: "x".repeat(5_000), stderr: "e" }));
    expect(outcome.evidence).toEqual({ exitCode: 0, stdout: "x".repeat(2_000), stderr: "e" });
  });

  it("exit 0 while the daemon answered an error (docker rm -f of a container that is not there) is no success", () => {
    const gone = result({ argv: ["docker", "rm", "-f", "web"], stderr: "Error response from daemon: No such container: web\n" });
    const outcome = checkOutput(gone);
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toBe(
      'expected the command to do what it says, found it exited 0 while the daemon answered "Error response from daemon: No such container: web" (a step that expects that answer says so with `expect.stderr`)',
    );
    // The twin: a step that says it expects that answer passes; and a clean exit 0 passes.
    expect(checkOutput(gone, { stderr: { contains: "No such container" } }).passed).toBe(true);
    expect(checkOutput(result({ stderr: "WARNING: a warning, not an error" })).passed).toBe(true);
  });

  it("equals holds the whole output (trimmed), where matches with ^…$ accepts one line of many", () => {
    const two = result({ stdout: "dockproof/probe\nnginx\n" });
    expect(checkOutput(two, { stdout: { matches: "^dockproof/probe$" } }).passed).toBe(true);
    expect(checkOutput(two, { stdout: { equals: "dockproof/probe" } })).toMatchObject({
      passed: false,
      message: 'expected stdout to be exactly "dockproof/probe", found "dockproof/probe\\nnginx\\n"',
    });
    expect(checkOutput(result({ stdout: "dockproof/probe\n" }), { stdout: { equals: "dockproof/probe" } }).passed).toBe(true);
  });
});
