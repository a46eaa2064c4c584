import { compareResults, formatDrift } from "../report/drift.js";
import { readResults, type ResultsFile } from "../report/results-file.js";
import { EXIT } from "../report/exit-code.js";

/** `dockproof diff OLD NEW`: verdicts that changed, with the images that changed beside them. */
export async function diffCommand(oldFile: string, newFile: string): Promise<number> {
  const [before, after] = [await readResults(oldFile), await readResults(newFile)];
  return printDrift(before, after, `${oldFile} -> ${newFile}`);
}

export function printDrift(before: ResultsFile, after: ResultsFile, title: string): number {
  const drift = compareResults(before, after);
  process.stdout.write(
    `drift ${title}:\n${formatDrift(drift)
      .map((line) => `  ${line}\n`)
      .join("")}`,
  );
  return drift.regressed ? EXIT.failed : EXIT.passed;
}
