import { fixScenarios } from "./fix-scenarios.js";
import { EXIT } from "../report/exit-code.js";

/** `dockproof fix`: line numbers follow the lesson's edits; the lesson becomes the scenarios' new baseline. */
export async function fixCommand(paths: readonly string[], lessonsDir: string): Promise<number> {
  const result = await fixScenarios(paths, lessonsDir);
  if (result.problems.length > 0) {
    for (const problem of result.problems) process.stderr.write(`${problem}\n`);
    process.stderr.write(`${result.problems.length} problem${result.problems.length === 1 ? "" : "s"} found; nothing was written.\n`);
    return EXIT.invalid;
  }
  for (const change of result.changes) process.stdout.write(`${change}\n`);
  for (const file of result.baselines) process.stdout.write(`baseline ${file}\n`);
  process.stdout.write(
    `${result.changes.length} reference${result.changes.length === 1 ? "" : "s"} updated, ${result.baselines.length} baseline${result.baselines.length === 1 ? "" : "s"} written\n`,
  );
  return EXIT.passed;
}
