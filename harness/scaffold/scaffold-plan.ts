/**
 * The content of a draft scenario for one lesson section, before it is YAML: a run step per command line (what the
 * lesson says now, `run: { lesson: N }`, named after its command), a capture before the first use of each
 * `<placeholder>`, the section's prose steps as waivers, the files it shows as lesson files (scaffold-files.ts), the
 * images its steps need (as the loader reads them), and a comment wherever the author must decide.
 */
import { type CommandFacts, commandFacts } from "./command-facts.js";
import type { LessonSection } from "../lesson/lesson-sections.js";
import { commandLines, lessonMarkup } from "../lesson/lesson-markup.js";
import type { DockerfileBlock } from "../lesson/lesson-text.js";
import { classifyLines } from "../lesson/line-kinds.js";
import { claimCheck, claimTodo } from "./claim-steps.js";
import { cleanProse, sectionProse } from "./prose-steps.js";
import { runStepOf, variableCapture } from "./scaffold-steps.js";
import { composeBuilds, fileTexts, type SectionFile, sectionFiles } from "./scaffold-files.js";
import { guessImages, type ImageGuess } from "./scaffold-images.js";
import { lessonWords, type DraftStep } from "./scaffold-words.js";

export interface Draft {
  section: LessonSection;
  /** What the section's heading says (`## Compose` says "Compose"). */
  title: string;
  images: ImageGuess;
  waives: Array<{ line: number; reason: string }>;
  lessonFiles: Array<{ path: string; lines: [number, number] }>;
  /** What the author must know of the lesson files: one written from an earlier section, a block naming no file. */
  fileNotes: string[];
  steps: DraftStep[];
  /** Comments after the last step (prose steps that follow every command). */
  trailing: string[];
}

type Event = { line: number } & (
  | { kind: "command"; facts: CommandFacts }
  | { kind: "prose"; text: string }
  | { kind: "claim"; text: string }
  | { kind: "file"; file: SectionFile }
);

const CLONE = /\bclone\b/i;

function waiverReason(line: number, text: string): string {
  return CLONE.test(text)
    ? `TODO: the clone is the scenario's workdir: point \`workdir:\` at a fixture folder standing for it, then say so here (${lessonWords(cleanProse(text))})`
    : `TODO: turn into a check that cites line ${line}, then drop this waiver (${lessonWords(cleanProse(text))})`;
}

/** A build for a section that shows a Dockerfile but no command building it: the lesson's own build if it has one. */
function buildFor(lines: readonly string[], block: DockerfileBlock, index: number, path: string): DraftStep {
  const copies = block.instructions.some(({ text }) => /^(COPY|ADD)\s/i.test(text) && !/--from=/i.test(text));
  const app = copies ? [`TODO: its COPY/ADD lines need the app they copy: set \`workdir:\` to a fixture folder holding it.`] : [];
  const lessonBuild = index === 0 ? commandLines(lines).find((entry) => commandFacts(entry.line, entry.text).builds !== undefined) : undefined;
  if (lessonBuild)
    return {
      fields: { name: `build the Dockerfile of lines ${block.from}-${block.to}`, run: { lesson: lessonBuild.line }, timeout: "5m" },
      comment: [`The section shows no build; this is the lesson's own (line ${lessonBuild.line}), which builds ${path} (lessonFiles).`, ...app],
    };
  return {
    fields: {
      name: `build the Dockerfile of lines ${block.from}-${block.to}`,
      run: `docker build -f ${path} -t lesson_image_${index + 1} .`,
      timeout: "5m",
    },
    comment: [`TODO: the lesson shows no command building this Dockerfile; this is a learner's build of ${path} (lessonFiles).`, ...app],
  };
}

export function draftOf(lines: readonly string[], section: LessonSection, knownImages: readonly string[]): Draft {
  const inSection = (line: number) => line >= section.from && line <= section.to;
  const markup = lessonMarkup(lines);
  const commands = commandLines(lines)
    .filter((entry) => inSection(entry.line))
    .map((entry) => commandFacts(entry.line, entry.text));
  const files = sectionFiles(
    lines,
    section,
    commands.map((command) => command.text),
  );
  // Fenced lines and Dockerfile lines are never prose; a fence line is looked past to the block it opens.
  const notProse = new Set([...markup.parts.keys(), ...markup.dockerfileLines]);
  const fences = new Set([...markup.parts].flatMap(([line, part]) => (part.part === "fence" ? [line] : [])));
  const prose = sectionProse(lines, section, new Set(commands.map((command) => command.line)), notProse, fences);
  // What the ledger takes for a claim is drafted as one to prove, never waived; the other prose steps are waived.
  const claims = classifyLines(lines).filter((entry) => entry.kind === "claim" && inSection(entry.line) && entry.line !== section.from);
  const claimLines = new Set(claims.map((entry) => entry.line));
  const events: Event[] = [
    ...commands.map((facts) => ({ line: facts.line, kind: "command" as const, facts })),
    ...prose.steps.filter(({ line }) => !claimLines.has(line)).map(({ line, text }) => ({ line, kind: "prose" as const, text })),
    ...claims.map(({ line, text }) => ({ line, kind: "claim" as const, text })),
    ...files.files.filter((file) => file.earlier === null).map((file) => ({ line: file.from, kind: "file" as const, file })),
  ].sort((a, b) => a.line - b.line);
  const title = markup.headings.get(section.from)?.title ?? section.heading.text;
  const draft: Draft = {
    section,
    title,
    images: { known: [], unknown: [] },
    waives: [],
    lessonFiles: [],
    fileNotes: [...files.notes],
    steps: [],
    trailing: [],
  };
  for (const file of files.files.filter((candidate) => candidate.earlier !== null)) {
    draft.lessonFiles.push({ path: file.path, lines: [file.from, file.to] });
    draft.fileNotes.push(`${file.path}: ${file.earlier}.`);
  }
  const sectionBuilds = commands.some((command) => command.builds !== undefined);
  const captured = new Set<string>();
  const started: CommandFacts[] = [];
  let dockerfiles = 0;
  const add = (step: DraftStep) => {
    draft.steps.push({ ...step, before: [...draft.trailing, ...(step.before ?? [])] });
    draft.trailing = [];
  };
  for (const event of events) {
    if (event.kind === "claim") {
      const check = claimCheck(event.line, event.text);
      if (check) add(check);
      else draft.trailing.push(claimTodo(event.line, event.text));
    } else if (event.kind === "prose") {
      draft.waives.push({ line: event.line, reason: waiverReason(event.line, event.text) });
      draft.trailing.push(`Line ${event.line}, a step without a command (waived above): ${lessonWords(cleanProse(event.text))}`);
    } else if (event.kind === "file") {
      draft.lessonFiles.push({ path: event.file.path, lines: [event.file.from, event.file.to] });
      if (event.file.dockerfile && !sectionBuilds) add(buildFor(lines, event.file.dockerfile, dockerfiles, event.file.path));
      if (event.file.dockerfile) dockerfiles++;
    } else {
      for (const name of event.facts.variables.filter((variable) => !captured.has(variable))) {
        add(variableCapture(name, event.facts, started));
        captured.add(name);
      }
      const builds = composeBuilds(event.facts.text, fileTexts(draft.lessonFiles, lines));
      add(runStepOf(event.facts, prose.labels.get(event.line), dockerfiles > 0, builds));
      if (event.facts.run) started.push(event.facts);
    }
  }
  if (draft.steps.length === 0)
    add({
      fields: { name: "TODO: what this section shows", run: "docker version" },
      comment: ["TODO: the section shows no command: replace this with the steps that show its claims."],
    });
  draft.images = guessImages(draft.steps, draft.lessonFiles, lines, knownImages);
  return draft;
}
