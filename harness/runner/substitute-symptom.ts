/**
 * A command that failed the way a stand-in fails where the real image would not: `apk add` on the Debian under an
 * Alpine tag ("apk: not found"). What the command would have done with the real image cannot be told here, so the
 * step is unverified with the catalog's own sentence, never failed, and the steps after it do not run. Only when an
 * image the scenario names is the stand-in in this sandbox (its label says so; online it is the real image).
 */
import { SubstituteGapError, substituteLimitation } from "../checks/substitute-gap.js";
import type { CheckContext } from "../checks/check-context.js";
import { LABELS } from "../images/image-labels.js";
import type { ProcessResult } from "../support/run-process.js";

/** What a stand-in's gap looks like in output, and the opening of the limitation that explains it. */
const SYMPTOMS: ReadonlyArray<{ pattern: RegExp; opening: string; what: string }> = [
  { pattern: /\bapk: (?:command )?not found|"apk": executable file not found/, opening: "No apk", what: "apk" },
];

/** Throws SubstituteGapError when a failed command's output shows a gap of a stand-in among `images`; else returns. */
export async function checkSubstituteSymptom(
  result: Pick<ProcessResult, "stdout" | "stderr">,
  command: string,
  images: readonly string[],
  context: Pick<CheckContext, "docker" | "limitationsOf">,
): Promise<void> {
  const output = `${result.stdout}\n${result.stderr}`;
  for (const symptom of SYMPTOMS) {
    const seen = symptom.pattern.exec(output);
    if (!seen) continue;
    for (const ref of images.filter((image) => context.limitationsOf(image).some((sentence) => sentence.startsWith(symptom.opening)))) {
      const label = await context.docker.query(["image", "inspect", "--format", `{{index .Config.Labels "${LABELS.substituteFor}"}}`, ref], {
        what: `whether ${ref} is dockproof's stand-in here`,
        timeoutMs: 15_000,
      });
      if (label.exitCode !== 0 || label.stdout.trim() !== ref) continue;
      throw new SubstituteGapError(`what \`${command}\` does with ${symptom.what}`, ref, substituteLimitation(context, ref, symptom.opening), {
        seen: seen[0],
        output: output.trim().slice(-1_000),
      });
    }
  }
}
