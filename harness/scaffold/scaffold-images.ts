/**
 * The images a draft lists: those its steps need as the loader reads them (scenario/image-needs.ts), so the draft
 * validates as it stands — what its `docker run`, `docker pull` and builds name, what the Dockerfiles and compose
 * files it writes from the lesson need, less what an earlier step builds or tags (an image the lesson pushes to a
 * registry of its own and pulls back is one it tagged). One that dockproof's catalog does not know is listed apart,
 * for the author: offline, a scenario naming it is skipped.
 */
import path from "node:path";
import { lessonMarkup } from "../lesson/lesson-markup.js";
import { imageNeeds } from "../scenario/image-needs.js";
import { lessonCommand } from "../scenario/lesson-checks.js";
import { fileTexts } from "./scaffold-files.js";
import type { DraftStep } from "./scaffold-words.js";

export interface ImageGuess {
  /** Refs the catalog knows, in order of first need. */
  known: string[];
  /** Refs it does not, each with the lesson line naming it first (null: only a step of the draft's own does). */
  unknown: Array<{ ref: string; line: number | null }>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

/** The lesson line a step runs (`run: { lesson: N }`), or null. */
const lessonLineOf = (step: DraftStep): number | null => {
  const run = step.fields.run;
  return isRecord(run) && typeof run.lesson === "number" ? run.lesson : null;
};

/** What a drafted step runs: its own text, or its lesson line's command; null for a check. */
function commandText(step: DraftStep, lines: readonly string[]): string | null {
  const line = lessonLineOf(step);
  const command = line === null ? undefined : lessonMarkup(lines).commands.get(line);
  if (command !== undefined) return lessonCommand(command);
  return typeof step.fields.run === "string" ? step.fields.run : null;
}

export function guessImages(
  steps: readonly DraftStep[],
  lessonFiles: ReadonlyArray<{ path: string; lines: [number, number] }>,
  lines: readonly string[],
  knownImages: readonly string[],
): ImageGuess {
  const files = fileTexts(lessonFiles, lines);
  const commands = steps.map((step) => ({ text: commandText(step, lines), shell: step.fields.shell === true }));
  const guess: ImageGuess = { known: [], unknown: [] };
  // The draft has no working folder yet: only the files it writes from the lesson are read.
  for (const { ref, step, source } of imageNeeds(commands, { cwd: null, cwdName: "", lessonFiles: files })) {
    if (ref === null) continue;
    // A FROM or a service of a file written from the lesson is named on a lesson line; else the step's own line names it.
    const file = source ? lessonFiles.find((candidate) => path.posix.normalize(candidate.path) === source.file) : undefined;
    const drafted = steps[step];
    const line = file && source ? file.lines[0] + source.line - 1 : drafted ? lessonLineOf(drafted) : null;
    if (knownImages.includes(ref)) {
      if (!guess.known.includes(ref)) guess.known.push(ref);
    } else if (!guess.unknown.some((entry) => entry.ref === ref)) guess.unknown.push({ ref, line });
  }
  return guess;
}
