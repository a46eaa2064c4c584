/**
 * Turns zod issues into problems that say what was expected and what was found, at the document
 * path they concern. Union issues are resolved to the branch the author evidently meant (a step
 * with `run` is a run step), so authors never see "Invalid input" for a misspelt key.
 */
import type { z } from "zod";
import { CHECK_KINDS } from "../checks/index.js";
import { didYouMean } from "./did-you-mean.js";
import { isRecord, rawSteps, valueAt } from "./raw-data.js";
import { allowedKeys } from "./schema-keys.js";
import { PROBLEM_CODES, describeValue, type DocPath, type PathProblem } from "./problem.js";

type Issue = z.core.$ZodIssue;
type Schema = z.core.$ZodType;

const STEP_KIND_HINT = `a run step has \`run\` (with capture, timeout, background, expect); a check step has \`check\` (${CHECK_KINDS.join(", ")})`;
("a run step has `run` (with capture, timeout, background, expect); a check step has `check` (resolves, does-not-resolve, reachable, unreachable, logs-contain, mongo-ready, mongo-insert, mongo-count, image-layers, layers-shared, values-equal, values-differ)");

/** Steps that are neither or both kinds get one problem each; their other issues would be noise. */
export function stepKindProblems(root: unknown): PathProblem[] {
  return rawSteps(root).flatMap((step, index): PathProblem[] => {
    const path = ["steps", index];
    const code = PROBLEM_CODES.step;
    if (!isRecord(step)) return [{ path, code, message: `expected a step mapping with a \`run\` or \`check\` key, found ${describeValue(step)}` }];
    if ("run" in step && "check" in step)
      return [{ path: [...path, "check"], atKey: true, code, message: `a step has either \`run\` or \`check\`, found both; ${STEP_KIND_HINT}` }];
    if (!("run" in step) && !("check" in step)) {
      const keys = Object.keys(step);
      return [
        {
          path,
          code,
          message: `expected a \`run\` or \`check\` key, found ${keys.length ? `only ${keys.join(", ")}` : "an empty mapping"}; ${STEP_KIND_HINT}`,
        },
      ];
    }
    return [];
  });
}

const TYPE_NAMES: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "an integer",
  boolean: "true or false",
  array: "a list",
  object: "a mapping",
  tuple: "a list",
};

const TOO_SMALL: Record<string, (min: number) => string> = {
  string: () => "a non-empty string",
  array: (min) => `a list of at least ${min} item${min === 1 ? "" : "s"}`,
};

const ownMessage = (issue: Issue) => (issue.message.startsWith("expected ") ? issue.message : undefined);

function expectation(issue: Issue): string {
  const own = ownMessage(issue);
  if (own) return own;
  switch (issue.code) {
    case "invalid_type":
      return `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case "invalid_value":
      return issue.values.length === 1
        ? `expected ${JSON.stringify(issue.values[0])}`
        : `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "too_small":
      return `expected ${TOO_SMALL[issue.origin]?.(Number(issue.minimum)) ?? `a value >= ${issue.minimum}`}`;
    case "too_big":
      return `expected ${issue.origin === "array" ? `at most ${issue.maximum} items` : `a value <= ${issue.maximum}`}`;
    case "invalid_format":
      return `expected ${issue.format === "regex" ? `text matching ${issue.pattern}` : `a valid ${issue.format}`}`;
    default:
      return `expected valid input (${issue.message})`;
  }
}

/** Problems for zod issues, skipping those under `skipSteps` (already reported by stepKindProblems). */
export function issueProblems(issues: readonly Issue[], root: unknown, schema: Schema, skipSteps: ReadonlySet<number>): PathProblem[] {
  const flatten = (issue: Issue, prefix: DocPath): PathProblem[] => {
    const path = [...prefix, ...(issue.path as Array<string | number>)];
    if (path[0] === "steps" && skipSteps.has(path[1] as number)) return [];
    const value = valueAt(root, path);
    const code = PROBLEM_CODES.schema;
    if (issue.code === "unrecognized_keys") {
      const allowed = allowedKeys(schema, path, root)?.filter((key) => !issue.keys.includes(key)) ?? [];
      const hint = allowed.length ? `; expected one of: ${allowed.join(", ")}` : "";
      return issue.keys.map((key) => {
        const guess = didYouMean(key, allowed);
        const message = `unknown key "${key}"${guess ? ` (did you mean "${guess}"?)` : ""}${hint}`;
        return { path: [...path, key], atKey: true, code: PROBLEM_CODES.unknownKey, message };
      });
    }
    if (issue.code === "invalid_union" && issue.discriminator !== undefined && "options" in issue && issue.options) {
      return [{ path, code, message: `expected one of ${issue.options.map((o) => JSON.stringify(o)).join(", ")}, found ${describeValue(value)}` }];
    }
    if (issue.code === "invalid_union" && !ownMessage(issue) && isRecord(value) && path.length === 2 && path[0] === "steps") {
      // The step union is [run, check]; stepKindProblems guarantees exactly one of the keys is present.
      const branch = issue.errors["run" in value ? 0 : 1] ?? [];
      return branch.flatMap((inner) => flatten(inner, path));
    }
    if (value === undefined && issue.code !== "custom") {
      return [{ path, code, message: `missing, ${expectation(issue)}` }];
    }
    return [{ path, code, message: `${expectation(issue)}, found ${describeValue(value)}` }];
  };
  return issues.flatMap((issue) => flatten(issue, []));
}
