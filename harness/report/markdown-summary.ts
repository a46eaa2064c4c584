import type { Coverage } from "../lesson/coverage.js";
import { ledgerHeadline } from "./run-ledger.js";
import { readLessonFile } from "../lesson/lesson-file.js";
import type { Finding, FindingKind, ImageReport, ScenarioReport } from "../model/report-types.js";
import { scenarioEvidence } from "./evidence-words.js";
import { scenarioLabel, shortDigest, VERDICT_MARK } from "./labels.js";
import { formatMs } from "../support/deadline.js";
import type { AnnotatedLesson } from "./annotated-lesson.js";
import { annotatedLessonMarkdown } from "./annotated-lesson-markdown.js";
import { escapeCell } from "./markdown-text.js";

/** What a summary is made of: a `dockproof run` report, or the same pieces gathered from a vitest run's task meta. */
export interface SummaryInput {
  /** Wall time of the run; null when the pieces came from several processes (vitest shards). */
  durationMs: number | null;
  images: readonly ImageReport[];
  scenarios: readonly ScenarioReport[];
}

export interface SummaryOptions {
  /** The text of a lesson line, quoted beside findings; undefined where the lesson cannot be read. */
  lessonLine?: (lessonFile: string, line: number) => string | undefined;
  /** Heading; default "dockproof". */
  title?: string;
  /** The lessons annotated from this run (annotatedLessons): shown as "The lesson, annotated" after the scenarios. */
  annotated?: readonly AnnotatedLesson[];
  /** Each lesson's ledger (runLedgers): its claims and commands, counted as the console and JUnit count them. */
  ledgers?: readonly Coverage[];
}

export const FINDING_WORDS: Record<FindingKind, string> = {
  "lesson-defect": "lesson defect: the lesson is wrong or incomplete here",
  note: "note",
  unverified: "unverified: dockproof could not check this here",
  "known-issue": "known lesson bug, reproduced",
  "known-issue-mismatch": "known lesson bug expected, but the scenario failed elsewhere",
  "lesson-changed": "the lesson changed here since the scenario was fixed",
  review: "review: a claim this step proves changed; update the scenario, then `dockproof fix`",
  "known-issue-not-reproduced": "known lesson bug did NOT reproduce (fixed? the knownIssue marker may be stale)",
  "environment-limitation": "this machine, not the lesson, stopped the scenario",
};

export const VERDICT_WORDS = {
  passed: "passed",
  failed: "failed",
  "known-issue": "known issue",
  review: "review",
  unverified: "unverified",
  skipped: "skipped",
  error: "error (this machine, not the lesson)",
} as const;

export { escapeCell };

const byFile = (a: { file: string }, b: { file: string }) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);

/** The engine a result ran on; reports from before engines were a dimension have none. */
const engineOf = (scenario: ScenarioReport): string => scenario.engine?.name ?? "-";

/** " · dockerd 26.1.5 · BuildKit · client 26.1.5": what the verdict was reached on, as the terminal reported it. */
function engineFacts(scenario: ScenarioReport): string {
  const engine = scenario.engine;
  if (!engine || (engine.server === null && engine.builder === null)) return "";
  const builder = engine.builder === "buildkit" ? "BuildKit" : engine.builder === "classic" ? "classic builder" : null;
  return [engine.server ? `dockerd ${engine.server}` : null, builder, engine.client ? `client ${engine.client}` : null]
    .filter(Boolean)
    .map((part) => ` · ${escapeCell(part as string)}`)
    .join("");
}

/**
 * The Markdown summary of a run, for `$GITHUB_STEP_SUMMARY` and `reports/summary.md`: one table row per
 * lesson scenario (verdict, what the run showed in words, images with substitutes marked), then the findings
 * with their lesson lines, then the images. Written for someone who never opens a log.
 */
export function renderMarkdownSummary(input: SummaryInput, options: SummaryOptions = {}): string {
  const scenarios = [...input.scenarios].sort(byFile);
  const imageByRef = new Map(input.images.map((image) => [image.ref, image]));
  const count = (status: ScenarioReport["status"]) => scenarios.filter((scenario) => scenario.status === status).length;
  const findings = scenarios.flatMap((scenario) => scenario.findings.map((finding) => ({ scenario, finding })));
  // A known issue is a lesson defect reproduced: never a scenario that holds.
  const holding = count("passed");
  const unverifiedClaims = findings.filter(({ finding }) => finding.kind === "unverified").length;
  const unverifiedNote = unverifiedClaims > 0 ? `; ${unverifiedClaims} claim${unverifiedClaims === 1 ? "" : "s"} unverified` : "";

  const lines: string[] = [];
  lines.push(
    `## ${options.title ?? "dockproof"}: ${holding} of ${scenarios.length} lesson ${scenarios.length === 1 ? "scenario holds" : "scenarios hold"}${unverifiedNote}`,
    "",
    ...(options.ledgers ?? []).map((ledger) => `**${escapeCell(ledgerHeadline(ledger))}**`),
    ...(options.ledgers?.length ? [""] : []),
  );
  const totals = [
    `${count("passed")} passed`,
    `${count("failed")} failed`,
    `${count("known-issue")} known issue${count("known-issue") === 1 ? "" : "s"} (lesson defects)`,
    ...(count("review") > 0 ? [`${count("review")} to review`] : []),
    ...(count("unverified") > 0 ? [`${count("unverified")} unverified`] : []),
    ...(count("error") > 0 ? [`${count("error")} error${count("error") === 1 ? "" : "s"} of this machine`] : []),
    `${count("skipped")} skipped`,
  ];
  lines.push(
    `${totals.join(", ")} · ${findings.length} finding${findings.length === 1 ? "" : "s"}${input.durationMs === null ? "" : ` · ${formatMs(input.durationMs)}`}`,
    "",
  );
  if (scenarios.length === 0) {
    lines.push("No lesson scenario ran.", "");
    return lines.join("\n");
  }

  const engines = [...new Set(scenarios.map(engineOf))];
  const multi = engines.length > 1;
  const verdictColumns = multi ? engines.map((engine) => `Verdict (${escapeCell(engine)})`) : ["Verdict"];
  lines.push(
    `| Lesson | ${verdictColumns.join(" | ")} | What the run showed | Images |`,
    `| --- | ${verdictColumns.map(() => "---").join(" | ")} | --- | --- |`,
  );
  const byScenario = new Map<string, ScenarioReport[]>();
  for (const scenario of scenarios) byScenario.set(scenario.file, [...(byScenario.get(scenario.file) ?? []), scenario]);
  for (const results of byScenario.values()) {
    const scenario = results[0] as ScenarioReport;
    const label = scenarioLabel(scenario);
    const title = scenario.name.startsWith(`${label} `)
      ? `**${escapeCell(label)}** ${escapeCell(scenario.name.slice(label.length + 1))}`
      : `**${escapeCell(scenario.name)}**`;
    const lines_ = scenario.lesson.lines ? ` lines ${scenario.lesson.lines[0]}-${scenario.lesson.lines[1]}` : "";
    // A demonstration is the principle on dockproof's own material: said in its row, never read as the lesson passing.
    const demo = scenario.demonstration ? `<br><sub>a demonstration, not the lesson's own text: ${escapeCell(scenario.demonstration)}</sub>` : "";
    const where = `<sub>${escapeCell(scenario.lesson.file)} "${escapeCell(scenario.lesson.section)}"${lines_} · ${escapeCell(scenario.file)}</sub>${demo}`;
    const onEngine = (engine: string) => results.find((result) => engineOf(result) === engine);
    const verdicts = (multi ? engines : [engineOf(scenario)]).map((engine) => {
      const result = onEngine(engine);
      if (!result) return "–";
      const kind = result.demonstration ? " (demonstration)" : "";
      return `${VERDICT_MARK[result.status]} ${VERDICT_WORDS[result.status]}${kind}<br><sub>${formatMs(result.durationMs)}${engineFacts(result)}</sub>`;
    });
    const evidence =
      results
        .flatMap((result) => scenarioEvidence(result).map((words) => `${multi ? `[${engineOf(result)}] ` : ""}${escapeCell(words)}`))
        .join("<br>") || "–";
    const images = scenario.images.map((ref) => escapeCell(imageByRef.get(ref)?.substitute ? `${ref} (substitute)` : ref)).join("<br>") || "–";
    lines.push(`| ${title}<br>${where} | ${verdicts.join(" | ")} | ${evidence} | ${images} |`);
  }
  lines.push("");
  lines.push(...annotatedLessonMarkdown(options.annotated ?? []));

  if (multi) {
    // The point of running on several engines: a verdict that holds on one and not another.
    const differing = [...byScenario.values()].filter((results) => new Set(results.map((result) => result.status)).size > 1);
    lines.push("### Where the engines differ", "");
    if (differing.length === 0) lines.push("Nowhere: every scenario has the same verdict on every engine.");
    for (const results of differing) {
      const verdicts = results.map((result) => `${escapeCell(engineOf(result))}: ${VERDICT_WORDS[result.status]}${engineFacts(result)}`).join("; ");
      lines.push(`- **${escapeCell(scenarioLabel(results[0] as ScenarioReport))}** ${verdicts}`);
    }
    lines.push("");
  }

  // Errors are this machine's, not the lesson's: listed apart from the lesson's verdicts, with their cause.
  const errors = scenarios.filter((scenario) => scenario.status === "error");
  if (errors.length > 0) {
    lines.push("### Errors (this machine, not the lesson)", "");
    for (const scenario of errors) {
      const engine = scenario.engine ? ` [${escapeCell(scenario.engine.name)}]` : "";
      lines.push(
        `- **${escapeCell(scenarioLabel(scenario))}**${engine} ${escapeCell(scenario.error ? `${scenario.error.code}: ${scenario.error.message}` : "error")}`,
      );
    }
    lines.push("");
  }

  lines.push("### Findings", "");
  if (findings.length === 0) lines.push("None: every lesson line these scenarios check held as written.");
  for (const { scenario, finding } of findings) lines.push(...findingItem(scenario, finding, options));
  lines.push("");

  lines.push("### Images", "");
  const images = [...input.images].sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
  if (images.length === 0) lines.push("None recorded.");
  else {
    lines.push("| Image | What ran | Id | Digest |", "| --- | --- | --- | --- |");
    for (const image of images) {
      lines.push(`| ${escapeCell(image.ref)} | ${imageKind(image)} | ${shortDigest(image.id)} | ${image.digest ? shortDigest(image.digest) : "–"} |`);
    }
    if (images.some((image) => image.substitute)) {
      lines.push(
        "",
        "A substitute is a local image built from Debian and npm packages that plays the same part where no registry answered; a verdict reached with one is about the substitute.",
      );
    }
  }
  lines.push("");
  return lines.join("\n");
}

function findingItem(scenario: ScenarioReport, finding: Finding, options: SummaryOptions): string[] {
  const where = `${finding.lessonFile}${finding.lessonLine === null ? "" : `:${finding.lessonLine}`}`;
  const quoted = finding.lessonLine === null ? undefined : options.lessonLine?.(finding.lessonFile, finding.lessonLine)?.trim();
  const quote = quoted ? ` — the lesson says: “${escapeCell(quoted.length > 160 ? `${quoted.slice(0, 157)}…` : quoted)}”` : "";
  const step = finding.step ? ` (step “${escapeCell(finding.step)}”)` : "";
  return [
    `- **${escapeCell(scenarioLabel(scenario))}** · ${escapeCell(where)} · ${FINDING_WORDS[finding.kind]}${quote}`,
    `  ${escapeCell(finding.text)}${step}`,
    // The author's words are context, never evidence: they are shown apart, and said to be theirs.
    ...(finding.explanation ? [`  <br>Explanation (the scenario's words, not observed): ${escapeCell(finding.explanation)}`] : []),
  ];
}

function imageKind(image: ImageReport): string {
  if (image.substitute)
    return `substitute for ${escapeCell(image.substituteFor ?? image.ref)}${image.substituteName ? ` (${escapeCell(image.substituteName)})` : ""}, built locally`;
  if (image.ref.startsWith("dockproof/")) return "dockproof's own, built locally";
  return image.digest ? "real image from the registry" : "real image";
}

/** Reads lesson lines from a lessons directory (each file once); a file that cannot be read quotes nothing. */
export function lessonLineReader(lessonsDir: string): (lessonFile: string, line: number) => string | undefined {
  const cache = new Map<string, string[] | null>();
  return (lessonFile, line) => {
    if (!cache.has(lessonFile)) {
      try {
        cache.set(lessonFile, readLessonFile(lessonsDir, lessonFile).lines ?? null); // a lesson symlinked out is never quoted
      } catch {
        cache.set(lessonFile, null);
      }
    }
    const text = cache.get(lessonFile)?.[line - 1];
    return text === undefined || text.trim() === "" ? undefined : text;
  };
}
