/**
 * Every `${name}` must be captured by an EARLIER step: a step's own capture happens after its
 * command runs, and a later capture does not exist yet when the step runs.
 */
import { checkFor, variableFieldTexts } from "../checks/index.js";
import { textVariables } from "../commands/variables.js";
import { RUN_STEP_VARIABLE_FIELDS } from "./step-schema.js";
import { PROBLEM_CODES, type DocPath, type PathProblem } from "./problem.js";
import { isRecord, rawSteps } from "./raw-data.js";
import type { StepFacts } from "./step-facts.js";

/** Every text of a step the runner expands, with where it is in the file: its check module's fields, or a run step's. */
function variableTexts(step: Record<string, unknown>, index: number): Array<[DocPath, string]> {
  const fields = "run" in step ? RUN_STEP_VARIABLE_FIELDS : typeof step.check === "string" ? (checkFor(step.check)?.variableFields ?? []) : [];
  return variableFieldTexts(step, fields).map(({ path, text }) => [["steps", index, ...path], text]);
}

// A `${` that does not start a `${name}` reference: it would stay literal text at run time.
const MALFORMED_REFERENCE = /\$\{(?![A-Za-z_][A-Za-z0-9_]*\})[^}\s]*\}?/g;

export function checkVariables(root: unknown, facts: readonly StepFacts[], lineOf: (path: DocPath) => number): PathProblem[] {
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
    const { command, shellVariables } = facts[index] ?? { command: null, shellVariables: [] };
    if (command) uses.push([["steps", index, "run"], command.variables]);
    if (shellVariables.length > 0) uses.push([["steps", index, "run"], shellVariables]);
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
