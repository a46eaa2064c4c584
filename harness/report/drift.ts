import type { ScenarioStatus } from "../model/report-types.js";
import type { ResultsFile } from "./results-file.js";
import { scenarioLabel, shortDigest, verdictPhrase } from "./labels.js";

export interface ImageChange {
  ref: string;
  /** What identified the image before and after: the registry digest where both runs had one, else the image id. */
  was: string | null;
  now: string | null;
  wasSubstitute: boolean | null;
  nowSubstitute: boolean | null;
}

export interface VerdictChange {
  file: string;
  /** The engine this verdict is on (results are per scenario and engine). */
  engine: string | null;
  label: string;
  was: ScenarioStatus | null;
  now: ScenarioStatus | null;
  /** passed or known-issue before, failed now. */
  regressed: boolean;
  /** Changed images this scenario uses (its own, and the harness's images every scenario runs on). */
  images: ImageChange[];
}

export interface Drift {
  verdicts: VerdictChange[];
  images: ImageChange[];
  regressed: boolean;
}

const HOLDS: ReadonlySet<ScenarioStatus | null> = new Set(["passed", "known-issue"]);

const identity = (image: ResultsFile["images"][string] | undefined, other: ResultsFile["images"][string] | undefined): string | null => {
  if (!image) return null;
  return image.digest && other?.digest ? image.digest : image.id;
};

/** Scenarios whose verdict changed between two runs, and the images whose digest or id changed, side by side. */
export function compareResults(before: ResultsFile, after: ResultsFile): Drift {
  const images: ImageChange[] = [];
  for (const ref of [...new Set([...Object.keys(before.images), ...Object.keys(after.images)])].sort()) {
    const was = before.images[ref];
    const now = after.images[ref];
    if (!was || !now) continue; // an image only one run used is not a change of that image
    const wasId = identity(was, now);
    const nowId = identity(now, was);
    if (wasId !== nowId || was.substitute !== now.substitute)
      images.push({ ref, was: wasId, now: nowId, wasSubstitute: was.substitute, nowSubstitute: now.substitute });
  }
  // Images no scenario names are the harness's own (the sandbox daemon, say): every scenario runs on them.
  const named = new Set([...Object.values(before.scenarios), ...Object.values(after.scenarios)].flatMap((scenario) => scenario.images));
  const verdicts: VerdictChange[] = [];
  for (const key of [...new Set([...Object.keys(before.scenarios), ...Object.keys(after.scenarios)])].sort()) {
    const was = before.scenarios[key];
    const now = after.scenarios[key];
    const file = now?.file ?? was?.file ?? key;
    const engine = now?.engine ?? was?.engine ?? null;
    if (was?.verdict === now?.verdict) continue;
    const uses = new Set([...(was?.images ?? []), ...(now?.images ?? [])]);
    verdicts.push({
      file,
      engine,
      label: `${scenarioLabel({ file, name: now?.name ?? was?.name })}${engine ? ` [${engine}]` : ""}`,
      was: was?.verdict ?? null,
      now: now?.verdict ?? null,
      // Only the lesson fails a lesson: an error (a machine fault) on either side is never a regression.
      regressed: HOLDS.has(was?.verdict ?? null) && now?.verdict === "failed",
      // Beside a scenario both runs had: a new or dropped scenario is not explained by an image.
      images: was && now ? images.filter((image) => uses.has(image.ref) || !named.has(image.ref)) : [],
    });
  }
  return { verdicts, images, regressed: verdicts.some((change) => change.regressed) };
}

const imageWords = (image: ImageChange): string => {
  const side = (id: string | null, substitute: boolean | null) => `${id ? shortDigest(id) : "?"}${substitute ? " (substitute)" : ""}`;
  return `${image.ref} changed ${side(image.was, image.wasSubstitute)} -> ${side(image.now, image.nowSubstitute)}`;
};

/** One line per changed verdict ("V2 now fails (was passed); mongo changed sha256:aa… -> sha256:bb…"), then unexplained image changes. */
export function formatDrift(drift: Drift): string[] {
  const lines: string[] = [];
  for (const change of drift.verdicts) {
    const what =
      change.now === null
        ? `is no longer run (was ${change.was})`
        : change.was === null
          ? `is new and ${verdictPhrase(change.now)}`
          : `now ${verdictPhrase(change.now)} (was ${change.was})`;
    const images = change.images.map((image) => `; ${imageWords(image)}`).join("");
    lines.push(`${change.label} ${what}${images}  (${change.file}${change.regressed ? "; a regression" : ""})`);
  }
  const mentioned = new Set(drift.verdicts.flatMap((change) => change.images.map((image) => image.ref)));
  for (const image of drift.images) if (!mentioned.has(image.ref)) lines.push(`${imageWords(image)} (no verdict changed with it)`);
  if (lines.length === 0) lines.push("no verdict and no image changed");
  return lines;
}
