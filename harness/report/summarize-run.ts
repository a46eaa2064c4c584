import type { RunReport } from "../model/report-types.js";
import { formatMs } from "../support/deadline.js";
import type { Coverage } from "../lesson/coverage.js";
import { firstLine } from "./evidence-words.js";
import { failedStepWords } from "./failed-step-words.js";
import { ledgerHeadline } from "./run-ledger.js";

/** The plain-text verdict printed after a run: per scenario, its findings, and which images were substitutes. */
export function summarizeRun(report: RunReport, ledgers: readonly Coverage[] = []): string {
  const lines: string[] = ["", "dockproof results"];
  for (const scenario of report.scenarios) {
    const failed = scenario.steps.find((step) => step.status === "failed");
    const engine = scenario.engine
      ? `, on ${scenario.engine.name}${scenario.engine.server ? ` (dockerd ${scenario.engine.server}, ${scenario.engine.builder ?? "?"})` : ""}`
      : "";
    lines.push(`  ${scenario.status.padEnd(11)} ${scenario.name} (${scenario.file}${engine}, ${formatMs(scenario.durationMs)})`);
    if (failed?.error) lines.push(`              ${failedStepWords(failed, scenario.lesson.file)}`);
    if (scenario.error) lines.push(`              ${scenario.error.code}: ${firstLine(scenario.error.message)}`);
    const first = scenario.attempts && scenario.attempts.length > 1 ? scenario.attempts[0] : undefined;
    if (first) lines.push(`              ${scenario.status} on the second attempt, after: ${firstLine(first.error?.message ?? "an error")}`);
    for (const finding of scenario.findings) {
      lines.push(
        `              finding (${finding.kind}) ${finding.lessonFile}${finding.lessonLine ? `:${finding.lessonLine}` : ""}: ${finding.text}`,
      );
    }
  }
  lines.push("images");
  for (const image of report.images) {
    const kind = image.substitute
      ? `substitute (${image.substituteName ?? `built locally for ${image.substituteFor}`})`
      : image.ref.startsWith("dockproof/")
        ? "dockproof's own image, built locally"
        : "real image";
    lines.push(`  ${image.ref} = ${kind} ${image.id.slice(0, 19)}${image.digest ? ` ${image.digest}` : ""}`);
  }
  const count = (status: string) => report.scenarios.filter((scenario) => scenario.status === status).length;
  // What the run proved of each lesson: its claims and the commands it ran, as the Markdown and JUnit reports count them.
  for (const ledger of ledgers) lines.push(ledgerHeadline(ledger));
  lines.push(
    `${count("passed")} passed, ${count("failed")} failed, ${count("known-issue")} known issues, ${count("review")} to review, ${count("unverified")} unverified, ${count("skipped")} skipped, ${count("error")} errors in ${formatMs(report.durationMs)}`,
    "",
  );
  return lines.join("\n");
}
