/**
 * Field schemas every kind of step shares (run steps and each check kind), kept apart from the step union so
 * check modules can build their schemas from them without importing the union they are part of.
 */
import { z } from "zod";
import { durationSchema } from "./duration.js";

export const IDENTIFIER_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const lineNumberSchema = z
  .int({ error: "expected a line number (an integer >= 1)" })
  .min(1, { error: "expected a line number (an integer >= 1)" });

export const nonEmpty = (what: string) =>
  z.string({ error: `expected ${what} (a non-empty string)` }).min(1, { error: `expected ${what} (a non-empty string)` });

const lineList = () =>
  z
    .union([lineNumberSchema, z.array(lineNumberSchema).min(1)], { error: "expected a line number or a list of line numbers" })
    .optional()
    .transform((lines) => (lines === undefined ? undefined : [lines].flat()));

/** The step fields that bind a step to claim lines of the lesson (their text is what the step stands for). */
export const CLAIM_FIELDS = ["claims", "contradicts"] as const;

const compiles = (source: string) => {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
};

export const textExpectationSchema = z
  .object({
    contains: z.string().optional().describe("Output must contain this text"),
    notContains: z.string().optional().describe("Output must not contain this text"),
    matches: z
      .string()
      .refine(compiles, { error: "expected a valid JavaScript regular expression" })
      .optional()
      .describe(
        "Output must match this regular expression, tested line by line: ^ and $ match at every line's start and end (use `equals` for the whole output)",
      ),
    equals: z.string().optional().describe("The whole output, trimmed, must be exactly this"),
  })
  .strict();

/** The text fields of a text expectation: each may hold `${name}`. */
export const TEXT_EXPECTATION_FIELDS = ["contains", "notContains", "matches", "equals"] as const;

/** Keys every step may have. */
export const commonStepShape = {
  name: z.string().optional().describe("What this step shows, for reports"),
  quotes: lineNumberSchema.optional().describe("Lesson line whose command this run step runs verbatim"),
  cites: z
    .union([lineNumberSchema, z.array(lineNumberSchema).min(1)], { error: "expected a line number or a list of line numbers" })
    .optional()
    .transform((cites) => (cites === undefined ? undefined : [cites].flat()))
    .describe("Lesson lines this step demonstrates (a loose reference; a claim it proves is `claims`)"),
  claims: lineList().describe(
    "Lesson lines whose claim this step proves, bound to their text: when a line's text changes, the step's outcome is review until the scenario is updated and `dockproof fix` records the new text",
  ),
  contradicts: lineList().describe(
    "Lesson lines whose claim this step shows false when it passes (a lesson defect; `finding:` says how), bound to their text as `claims` are",
  ),
  finding: nonEmpty("a finding")
    .optional()
    .describe("A lesson defect this step shows (the lesson is wrong or incomplete here), reported with what the step observed when it passes"),
  note: nonEmpty("a note")
    .optional()
    .describe("Something worth telling about the lesson that is not a defect, reported with what the step observed when it passes"),
  setup: z
    .boolean({ error: "expected true or false" })
    .optional()
    .describe("The step prepares what the claims need (a build): if it cannot complete here, the claims are unverified, never failed"),
};

/** Keys every check step has besides its kind's own. */
export const checkShape = {
  ...commonStepShape,
  eventually: durationSchema.optional().describe("Retry until the check passes or this deadline passes"),
  timeout: durationSchema.prefault("10s").describe("Deadline of one attempt"),
};
