import type { ProcessResult } from "../support/run-process.js";
import type { CheckOutcome } from "./check-context.js";
import type { BuildExpectation } from "./build-evidence.js";

export interface TextExpectation {
  contains?: string | undefined;
  notContains?: string | undefined;
  /** A regular expression tested line by line: `^` and `$` match at every line's start and end. */
  matches?: string | undefined;
  /** The whole text, trimmed, is exactly this (where `matches` with ^…$ would accept one line of many). */
  equals?: string | undefined;
}

/** What the Docker CLI prints when the daemon refused (or found nothing), also where it exits 0 (`docker rm -f gone`). */
const DAEMON_ERROR = /^Error response from daemon: .*$/m;

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
    failures.push(`expected ${stream} to match /${expectation.matches}/ (on some line), found ${shown}`);
  if (expectation.equals !== undefined && text.trim() !== expectation.equals)
    failures.push(`expected ${stream} to be exactly ${JSON.stringify(expectation.equals)}, found ${shown}`);
  return failures;
}

/** What a passing command printed, briefly: the observed part of a finding about it. */
function shownOutput(result: ProcessResult): string {
  const output = (result.stdout.trim() || result.stderr.trim()).replace(/\s+/g, " ");
  if (output === "") return "";
  return `, printed ${JSON.stringify(output.length > 120 ? `${output.slice(0, 117)}...` : output)}`;
}

/**
 * A command that exits 0 while the daemon answered an error (`docker rm -f web` of a container that is not there)
 * did nothing: that is no success, unless the step says it expects that answer (`expect.stderr`).
 */
function daemonError(result: ProcessResult, expectation: OutputExpectation): string[] {
  const error = DAEMON_ERROR.exec(result.stderr)?.[0];
  if (result.exitCode !== 0 || error === undefined || expectation.stderr !== undefined) return [];
  return [
    `expected the command to do what it says, found it exited 0 while the daemon answered ${JSON.stringify(error.trim())} (a step that expects that answer says so with \`expect.stderr\`)`,
  ];
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
    ...daemonError(result, expectation),
  ];
  const evidence = { exitCode: result.exitCode, stdout: result.stdout.slice(0, 2_000), stderr: result.stderr.slice(0, 2_000) };
  return failures.length === 0
    ? { passed: true, message: `exit code ${result.exitCode}${shownOutput(result)}`, evidence }
    : { passed: false, message: failures.join("; "), evidence };
}
