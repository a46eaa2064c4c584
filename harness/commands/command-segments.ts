/**
 * The commands a step's text holds: a whole argv (a line run without a shell), or each simple command of a shell line
 * (split at pipes, `&&`, `;`), as far as they can be known before it runs. `${name}` stays in place as text.
 */
import { parse } from "shell-quote";
import { CommandLineError, expandCommand, parseCommandLine } from "./command-line.js";

export function commandsOf(text: string, shell: boolean): string[][] {
  if (!shell) {
    try {
      const parsed = parseCommandLine(text);
      return [expandCommand(parsed, Object.fromEntries(parsed.variables.map((name) => [name, `\${${name}}`])))];
    } catch (error) {
      if (error instanceof CommandLineError) return []; // the run-step checks report it
      throw error;
    }
  }
  const segments: string[][] = [[]];
  // A command substitution is a value known only when it runs, inside its word (`-v $(pwd)/site:/srv` is one
  // argument): kept as a `${…}` so the word and the command around it stay whole.
  const substituted = text.replace(/\$\([^()]*\)|`[^`]*`/g, "${_}");
  for (const entry of parse(substituted, (name) => `\${${name}}`)) {
    if (typeof entry === "string") segments.at(-1)?.push(entry);
    else if ("op" in entry && entry.op === "glob") segments.at(-1)?.push(entry.pattern);
    else segments.push([]);
  }
  return segments.filter((segment) => segment.length > 0);
}
