/**
 * Every `${name}` must be captured by an EARLIER step: a step's own capture happens after its
 * command runs, and a later capture does not exist yet when the step runs.
 */
import { textVariables, type ParsedCommand } from "../steps/command-line.js";
import { PROBLEM_CODES, type DocPath, type PathProblem } from "./problem.js";
import { isRecord, rawSteps } from "./raw-data.js";

/** Step fields (besides `run`) whose text may hold `${name}` references. */
export const VARIABLE_FIELDS = [
  "from",
  "hostname",
  "target",
  "container",
  "text",
  "database",
  "collection",
  "image",
  "base",
  "left",
  "right",
] as const;
/** Step fields whose list items may hold them (layers-shared `images`). */
const VARIABLE_LIST_FIELDS = ["images"] as const;

/** Every text of a step the runner expands, with where it is in the file. */
function variableTexts(step: Record<string, unknown>, index: number): Array<[DocPath, string]> {
  const texts: Array<[DocPath, string]> = [];
  for (const field of VARIABLE_FIELDS) {
    const text = step[field];
    if (typeof text === "string") texts.push([["steps", index, field], text]);
  }
  for (const field of VARIABLE_LIST_FIELDS) {
    const list = step[field];
    if (!Array.isArray(list)) continue;
    for (const [item, text] of list.entries()) if (typeof text === "string") texts.push([["steps", index, field, item], text]);
  }
  return texts;
}

// A `${` that does not start a `${name}` reference: it would stay literal text at run time.
const MALFORMED_REFERENCE = /\$\{(?![A-Za-z_][A-Za-z0-9_]*\})[^}\s]*\}?/g;

export function checkVariables(root: unknown, commands: ReadonlyMap<number, ParsedCommand>, lineOf: (path: DocPath) => number): PathProblem[] {
  const steps = rawSteps(root);
  const firstCapture = new Map<string, number>();
  steps.forEach((step, index) => {
    const name = isRecord(step) ? step.capture : undefined;
    if (typeof name === "string" && !firstCapture.has(name)) firstCapture.set(name, index);
  });

  const problems: PathProblem[] = [];
  steps.forEach((step, index) => {
    if (!isRecord(step)) return;
    const uses: Array<[DocPath, string[]]> = [];
    const command = commands.get(index);
    if (command) uses.push([["steps", index, "run"], command.variables]);
    for (const [path, text] of variableTexts(step, index)) {
      uses.push([path, textVariables(text)]);
      for (const [bad] of text.matchAll(MALFORMED_REFERENCE)) {
        problems.push({
          path,
          code: PROBLEM_CODES.variable,
          message: `expected \`\${name}\` with a name made of letters, digits and _, found \`${bad}\``,
        });
      }
    }
    for (const [path, names] of uses) {
      for (const name of names) {
        const captured = firstCapture.get(name);
        if (captured !== undefined && captured < index) continue;
        const where = `\`\${${name}}\` is used at line ${lineOf(path)}`;
        const message =
          captured === undefined
            ? `${where} but never captured by any step (add \`capture: ${name}\` to an earlier run step)`
            : `${where} but first captured at line ${lineOf(["steps", captured, "capture"])} (later)`;
        problems.push({ path, code: PROBLEM_CODES.variable, message });
      }
    }
  });
  return problems;
}
