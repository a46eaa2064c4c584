/**
 * `dockproof scaffold`: a draft scenario for one section of a lesson, for the author to finish. It validates as it
 * stands (the loader's rules: every `${name}` captured first, only images the catalog knows), runs the section's
 * commands as the lesson says them now, and marks with TODO what only the author can decide. A scenario tests one
 * section, so a lesson with several needs --section: one draft of all of them would run every section's commands in
 * one sandbox, where their fixed names and ports collide (two mongo containers on 27017).
 */
import { Document, isCollection, isMap, isNode, isScalar, type Scalar } from "yaml";
import { ImageCatalog } from "../images/catalog.js";
import { INPUT_ERROR_CODES } from "../support/error-codes.js";
import { InvalidInputError } from "../support/errors.js";
import { findHeading, type LessonSection, lessonSections, sectionAt } from "../lesson/lesson-sections.js";
import { commandLines, lessonMarkup } from "../lesson/lesson-markup.js";
import { nearestLines } from "../lesson/line-text.js";
import { type Draft, draftOf } from "./scaffold-plan.js";
import { lessonWords } from "./scaffold-words.js";

export class ScaffoldError extends InvalidInputError {
  constructor(
    message: string,
    /** Headings the author could have meant. */
    readonly suggestions: ReadonlyArray<{ line: number; text: string }> = [],
  ) {
    super(INPUT_ERROR_CODES.usage, message);
  }
}

export interface ScaffoldOptions {
  /** As `lesson.file` says it: relative to the lessons directory. */
  lessonFile: string;
  lines: readonly string[];
  /** A line of the lesson (compared trimmed); without it, the lesson's only section. */
  section?: string;
  knownImages?: readonly string[];
  /** The `$schema` the editor comment names, relative to where the draft lands. */
  schema?: string;
}

const describeSection = (lines: readonly string[], section: LessonSection) => {
  const commands = commandLines(lines).filter((entry) => entry.line >= section.from && entry.line <= section.to).length;
  return `line ${section.from} ${JSON.stringify(section.heading.text)} (lines ${section.from}-${section.to}, ${commands} command${commands === 1 ? "" : "s"})`;
};

export function chooseSection(lessonFile: string, lines: readonly string[], section?: string): LessonSection {
  if (section !== undefined) {
    const line = findHeading(lines, section);
    if (line !== undefined) return sectionAt(lines, line);
    const { headings: found } = lessonMarkup(lines);
    const headings = nearestLines(
      lines.map((text, index) => (found.has(index + 1) ? text : "")),
      section,
    );
    const near = headings.length ? headings : nearestLines(lines, section);
    const list = near.map((candidate) => `line ${candidate.line} ${JSON.stringify(candidate.text)}`).join(", ");
    throw new ScaffoldError(
      `--section: expected a line of ${lessonFile} (a heading, compared trimmed), found ${JSON.stringify(section)}${list ? `; nearest: ${list}` : ""}`,
      near,
    );
  }
  const sections = lessonSections(lines);
  const first = lines.findIndex((text) => text.trim() !== "");
  if (sections.length === 0 && first === -1) throw new ScaffoldError(`expected a lesson with text, found ${lessonFile} empty`);
  if (sections.length === 0) return sectionAt(lines, first + 1);
  if (sections.length === 1 && sections[0]) return sections[0];
  throw new ScaffoldError(
    `expected --section HEADING: a scenario tests one section, and ${lessonFile} has ${sections.length}:\n${sections
      .map((entry) => `  ${describeSection(lines, entry)}`)
      .join("\n")}`,
    sections.map((entry) => entry.heading),
  );
}

// Comment text per line; with a step's indentation and `# `, lines stay within 110 columns.
const WIDTH = 102;

/** Comment lines, each wrapped at WIDTH columns (YAML never folds comments). */
function comments(lines: readonly string[]): string {
  return lines
    .flatMap((line) => {
      const wrapped: string[] = [];
      for (const word of line.split(" ")) {
        const last = wrapped.at(-1);
        if (last !== undefined && last.length + word.length + 1 <= WIDTH) wrapped[wrapped.length - 1] = `${last} ${word}`;
        else wrapped.push(word);
      }
      return wrapped.map((part) => ` ${part}`);
    })
    .join("\n");
}

function content(lessonFile: string, draft: Draft): Record<string, unknown> {
  const { section } = draft;
  const title = lessonWords(draft.title.replace(/\s*->\s*$/, ""));
  return {
    schemaVersion: 1,
    name: `TODO: ${title}`,
    description: `TODO: what lines ${section.from}-${section.to} claim, and how the steps show it.`,
    lesson: { file: lessonFile, section: section.heading.text, lines: [section.from, section.to] },
    ...(draft.lessonFiles.length ? { lessonFiles: draft.lessonFiles } : {}),
    // The loader checks every image the steps name is listed; one with no substitute is a note, and skipped offline.
    images: [...draft.images.known, ...draft.images.unknown.map((image) => image.ref)],
    ...(draft.waives.length ? { waives: draft.waives } : {}),
    steps: draft.steps.map((step) => step.fields),
  };
}

/** The key node of `key` in a mapping node, where a comment above the key goes. */
const keyOf = (map: unknown, key: string): Scalar | undefined =>
  isMap(map) ? (map.items.map((pair) => pair.key).find((node) => isScalar(node) && node.value === key) as Scalar | undefined) : undefined;

function annotate(doc: Document, lessonFile: string, draft: Draft, schema: string): void {
  const { section } = draft;
  doc.commentBefore = comments([
    `yaml-language-server: $schema=${schema}`,
    `A draft by \`dockproof scaffold\` of ${lessonFile}, section ${JSON.stringify(lessonWords(section.heading.text))} (lines ${section.from}-${section.to}). ` +
      "Each command of the section runs as the lesson says it now (run: { lesson: N }). To finish it: turn each waived prose " +
      "step into a check that cites its line, settle every TODO, then `dockproof validate` and `dockproof run` it.",
  ]);
  const flow = (path: unknown[]) => {
    const node = doc.getIn(path, true);
    if (isCollection(node)) node.flow = true;
  };
  flow(["lesson", "lines"]);
  flow(["images"]);
  for (const index of draft.lessonFiles.keys()) flow(["lessonFiles", index, "lines"]);
  const keyComment = (map: unknown, key: string, lines: string[]) => {
    const node = keyOf(map, key);
    if (node && lines.length) node.commentBefore = comments(lines);
  };
  keyComment(doc.contents, "lessonFiles", [
    "The files the section shows (named as the lesson names them), as the lesson says them now, written into the working folder before the first step.",
    ...draft.fileNotes,
  ]);
  // Without a lesson file to write, what the author must settle of the section's files goes above the steps.
  if (draft.lessonFiles.length === 0) keyComment(doc.contents, "steps", draft.fileNotes);
  const unknown = draft.images.unknown.map((image) => `${image.ref}${image.line === null ? "" : ` (line ${image.line})`}`);
  if (unknown.length)
    keyComment(doc.contents, "images", [
      `TODO: the lesson also names ${unknown.join(", ")}, which dockproof does not know (it knows ${ImageCatalog.refs.join(", ")}): ` +
        "scenarios naming it are skipped where no registry answers.",
    ]);
  keyComment(doc.contents, "waives", [
    "Steps a learner follows without a command: turn each into a check step citing its line, then drop its waiver.",
  ]);
  draft.steps.forEach((step, index) => {
    flow(["steps", index, "run"]);
    flow(["steps", index, "expect", "stdout"]);
    const node = doc.getIn(["steps", index], true);
    if (isNode(node) && step.before?.length) node.commentBefore = comments(step.before);
    keyComment(node, "run", step.comment ?? []);
  });
  const steps = doc.getIn(["steps"], true);
  if (isNode(steps) && draft.trailing.length) steps.comment = comments(draft.trailing);
}

/** The draft as YAML text. Throws ScaffoldError for a section that is not in the lesson (or none chosen of several). */
export function scaffoldScenario(options: ScaffoldOptions): string {
  const section = chooseSection(options.lessonFile, options.lines, options.section);
  const draft = draftOf(options.lines, section, options.knownImages ?? ImageCatalog.refs);
  const doc = new Document(content(options.lessonFile, draft));
  annotate(doc, options.lessonFile, draft, options.schema ?? "../scenario.schema.json");
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
