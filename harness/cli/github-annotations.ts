import type { RunReport } from "../model/report-types.js";
import { failedStepWords } from "../report/failed-step-words.js";

/** GitHub's workflow-command escaping: % and line breaks in the message, also , and : in properties. */
const escapeData = (text: string) => text.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
const escapeProperty = (text: string) => escapeData(text).replaceAll(":", "%3A").replaceAll(",", "%2C");

/**
 * One `::error` / `::warning` / `::notice` per failed step and finding, on the lesson's own file and line (a path
 * relative to the workspace, so GitHub shows it in the course repository's files), when the lessons are checked out
 * inside the workspace. Outside it ("../…") a file path would point nowhere: nothing is written.
 */
export function githubAnnotations(report: RunReport, lessonsDirInWorkspace: string): string[] {
  if (lessonsDirInWorkspace.startsWith("..") || lessonsDirInWorkspace.startsWith("/")) return [];
  const at = (file: string, line: number | null) =>
    `file=${escapeProperty(`${lessonsDirInWorkspace}/${file}`.replace(/^\.\//, ""))}${line ? `,line=${line}` : ""}`;
  const lines: string[] = [];
  for (const scenario of report.scenarios) {
    const engine = scenario.engine ? ` [${scenario.engine.name}]` : "";
    const title = `title=${escapeProperty(`${scenario.name}${engine}`)}`;
    const failed = scenario.steps.find((step) => step.status === "failed");
    if (scenario.status === "failed" && failed) {
      lines.push(`::error ${at(scenario.lesson.file, failed.lessonLine)},${title}::${escapeData(failedStepWords(failed, null, true))}`);
    }
    for (const finding of scenario.findings) {
      const level = finding.kind === "lesson-defect" || finding.kind === "known-issue-mismatch" ? "warning" : "notice";
      const words = `${finding.kind}: ${finding.text}${finding.explanation ? ` (the scenario's explanation: ${finding.explanation})` : ""}`;
      lines.push(`::${level} ${at(finding.lessonFile, finding.lessonLine)},${title}::${escapeData(words)}`);
    }
  }
  return lines;
}
