import type { ProcessResult } from "../support/run-process.js";

// A question left on the screen: output that does not end its last line, and that line asks ("…? [y/N] ", "Password: ").
const QUESTION = /(\?|:|\[[yY]\/[nN]\]|\([yY]\/[nN]\))\s*$/;

/**
 * The question a command asked and got no answer to (it read end of input): its last output line when that line was
 * left unfinished as a prompt is. `docker volume prune` then exits 0 having done nothing; that must not pass.
 */
export function unansweredPrompt(result: Pick<ProcessResult, "stdout" | "stderr">): string | null {
  for (const output of [result.stdout, result.stderr]) {
    if (output === "" || output.endsWith("\n")) continue;
    const last = output.split("\n").at(-1)?.trim() ?? "";
    if (QUESTION.test(last)) return last;
  }
  return null;
}
