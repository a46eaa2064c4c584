import { parse } from "shell-quote";

/** How an image's CMD or ENTRYPOINT will run, read from its config. */
export interface CommandForm {
  form: "exec" | "shell" | "none";
  /** exec: the argv as stored; shell: the words /bin/sh splits the script into. */
  words: string[];
  /** The program that actually starts: the first of `words`. */
  program: string | null;
  /** shell form only: the text handed to /bin/sh -c. */
  script?: string;
}

const SHELL_PREFIX = ["/bin/sh", "-c"];

/**
 * Docker stores a shell-form instruction (and an exec form that is not valid JSON, such as `CMD ["node", "x", ]`) as
 * `["/bin/sh", "-c", "<text>"]`; an exec form written as JSON with that very prefix looks the same and is read as shell.
 */
export function commandForm(stored: readonly string[] | null | undefined): CommandForm {
  if (!stored || stored.length === 0) return { form: "none", words: [], program: null };
  if (stored.length === 3 && stored[0] === SHELL_PREFIX[0] && stored[1] === SHELL_PREFIX[1]) {
    const script = stored[2] ?? "";
    const words = parse(script).map((entry) => (typeof entry === "string" ? entry : "op" in entry ? entry.op : String(entry)));
    return { form: "shell", words, program: words[0] ?? null, script };
  }
  return { form: "exec", words: [...stored], program: stored[0] ?? null };
}
