import junitModule from "junit-report-builder";
import type { Builder, TestCase } from "junit-report-builder";
import type { Coverage } from "../lesson/coverage.js";
import type { ScenarioReport } from "../model/report-types.js";
import { ledgerHeadline } from "./run-ledger.js";
import { failedStepWords } from "./failed-step-words.js";

// The package is CommonJS whose module.exports is the builder, while its types declare an ES default export: under
// NodeNext the default import is that builder at run time, typed as the module.
const junit = junitModule as unknown as Builder;

/**
 * The run as JUnit XML, with the distinction vitest's own junit reporter cannot make: a lesson that failed a claim
 * is a <failure>, a machine fault (the sandbox's daemon died, the disk filled) is an <error>, and a claim that could
 * not be checked here is <skipped> — never a passing testcase. One <testsuite> per lesson file.
 */
export function junitXml(run: { readonly scenarios: readonly ScenarioReport[] }, ledgers: readonly Coverage[] = []): string {
  const builder = junit.newBuilder();
  // Not Map.groupBy: Node 20 lacks it.
  const byLesson = new Map<string, ScenarioReport[]>();
  for (const scenario of run.scenarios) byLesson.set(scenario.lesson.file, [...(byLesson.get(scenario.lesson.file) ?? []), scenario]);
  for (const [lessonFile, scenarios] of byLesson) {
    const suite = builder.testSuite().name(lessonFile);
    // The lesson's ledger, as the console and the Markdown summary count it: its claims and the commands run.
    const ledger = ledgers.find((candidate) => candidate.lesson === lessonFile);
    if (ledger) {
      suite.property("dockproof.ledger", ledgerHeadline(ledger));
      for (const [status, count] of Object.entries(ledger.claims)) suite.property(`dockproof.claims.${status}`, String(count));
    }
    for (const scenario of scenarios) describeCase(suite.testCase(), scenario);
  }
  return builder.build();
}

function describeCase(testCase: TestCase, scenario: ScenarioReport): void {
  const engine = scenario.engine ? ` [${scenario.engine.name}]` : "";
  testCase
    .className(scenario.lesson.section || scenario.lesson.file)
    .name(`${scenario.name}${engine}`)
    .file(scenario.file)
    .time(scenario.durationMs / 1000)
    .property("dockproof.status", scenario.status);
  if (scenario.lesson.lines) testCase.property("dockproof.lessonLines", `${scenario.lesson.file}:${scenario.lesson.lines.join("-")}`);
  for (const [index, attempt] of (scenario.attempts ?? []).entries()) {
    testCase.property(`dockproof.attempt${index + 1}`, `${attempt.status}${attempt.error ? `: ${attempt.error.message}` : ""}`);
  }
  const failedStep = scenario.steps.find((step) => step.status === "failed");
  const stepText = failedStep ? failedStepWords(failedStep, scenario.lesson.file, true) : null;
  switch (scenario.status) {
    case "failed":
      testCase.failure(scenario.error?.message ?? stepText ?? "a claim failed", scenario.error?.code ?? "lesson-defect");
      break;
    case "review": {
      const review = scenario.steps.find((step) => step.status === "review");
      testCase.failure(review?.error?.message ?? "a claim a step proves changed", "claim-review");
      break;
    }
    case "error":
      testCase.error(scenario.error?.message ?? stepText ?? "a machine fault", scenario.error?.code ?? "E_HARNESS", stepText ?? undefined);
      break;
    case "skipped":
    case "unverified":
      testCase.skipped();
      break;
    default:
      break;
  }
  const findings = scenario.findings.map(
    (finding) =>
      `${finding.kind} ${finding.lessonFile}:${finding.lessonLine ?? "-"} ${finding.text}${finding.explanation ? ` (explanation: ${finding.explanation})` : ""}`,
  );
  const reason =
    scenario.status === "skipped" || scenario.status === "unverified"
      ? [`${scenario.status}: ${scenario.error?.message ?? stepText ?? "see findings"}`]
      : [];
  const out = [...reason, ...findings];
  if (out.length) testCase.standardOutput(out.join("\n"));
}
