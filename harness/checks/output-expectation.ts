import type { ProcessResult } from "../support/run-process.js";
import type { CheckOutcome } from "./check-context.js";
import type { BuildExpectation } from "./build-evidence.js";

export interface TextExpectation {
  contains?: string | undefined;
  notContains?: string | undefined;
  matches?: string | undefined;
}

export interface OutputExpectation {
  exitCode?: number | undefined;
  /** Read by the build evidence check, not here. */
  build?: BuildExpectation | undefined;
  stdout?: TextExpectation | undefined;
  stderr?: TextExpectation | undefined;
}

/** What `expectation` says about `text`, one failure message per unmet key; `stream` names the text ("stdout", "response body"). */
export function textFailures(stream: string, text: string, expectation: TextExpectation | undefined): string[] {
  if (!expectation) return [];
  const failures: string[] = [];
  const shown = JSON.stringify(text.length > 300 ? `${text.slice(0, 300)}…` : text);
  if (expectation.contains !== undefined && !text.includes(expectation.contains))
    failures.push(`expected ${stream} to contain ${JSON.stringify(expectation.contains)}, found ${shown}`);
  if (expectation.notContains !== undefined && text.includes(expectation.notContains))
    failures.push(`expected ${stream} not to contain ${JSON.stringify(expectation.notContains)}, found ${shown}`);
  if (expectation.matches !== undefined && !new RegExp(expectation.matches, "m").test(text))
    failures.push(`expected ${stream} to match /${expectation.matches}/, found ${shown}`);
  return failures;
}

/** What a passing command printed, briefly: the observed part of a finding about it. */
function shownOutput(result: ProcessResult): string {
  const output = (result.stdout.trim() || result.stderr.trim()).replace(/\s+/g, " ");
  if (output === "") return "";
  return `, printed ${JSON.stringify(output.length > 120 ? `${output.slice(0, 117)}...` : output)}`;
}

/** Exit code (0 unless the scenario says otherwise) and stdout/stderr expectations of a finished command. */
export function checkOutput(result: ProcessResult, expectation: OutputExpectation = {}): CheckOutcome {
  const expectedExit = expectation.exitCode ?? 0;
  const failures = [
    ...(result.exitCode === expectedExit
      ? []
      : [
          `expected exit code ${expectedExit}, found ${result.exitCode ?? "none"}${result.stderr ? ` (stderr: ${result.stderr.trim().slice(0, 300)})` : ""}`,
        ]),
    ...textFailures("stdout", result.stdout, expectation.stdout),
    ...textFailures("stderr", result.stderr, expectation.stderr),
  ];
  const evidence = { exitCode: result.exitCode, stdout: result.stdout.slice(0, 2_000), stderr: result.stderr.slice(0, 2_000) };
  return failures.length === 0
    ? { passed: true, message: `exit code ${result.exitCode}${shownOutput(result)}`, evidence }
    : { passed: false, message: failures.join("; "), evidence };
}
