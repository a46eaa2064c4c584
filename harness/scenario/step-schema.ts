/**
 * Steps of a scenario: a `run` step executes one command (argv, no shell); a `check` step asks
 * the harness to verify one claim (name resolution, reachability, logs). Every object is strict
 * so a misspelt key is an error rather than a silently ignored expectation.
 */
import { z } from "zod";
import { durationSchema, withMs } from "./duration.js";
import { HOST, PORT, targetSchema } from "./target.js";

export const IDENTIFIER_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
const VARIABLE_NAME = 'expected a variable name like "alpha_id" (letters, digits, _)';

export const lineNumberSchema = z
  .int({ error: "expected a line number (an integer >= 1)" })
  .min(1, { error: "expected a line number (an integer >= 1)" });
const nonEmpty = (what: string) =>
  z.string({ error: `expected ${what} (a non-empty string)` }).min(1, { error: `expected ${what} (a non-empty string)` });

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
      .describe("Output must match this regular expression"),
  })
  .strict();

const expectSchema = z
  .object({
    exitCode: z.int({ error: "expected an exit code (an integer 0-255)" }).min(0).max(255).default(0),
    stdout: textExpectationSchema.optional(),
    stderr: textExpectationSchema.optional(),
    build: z
      .object({
        fullyCached: z
          .boolean({ error: "expected true or false" })
          .optional()
          .describe("Every instruction came from the cache (or, false: at least one ran)"),
        cached: z
          .array(nonEmpty('an instruction prefix like "RUN npm install"'))
          .min(1)
          .optional()
          .describe("Instructions (text prefixes) that must come from the cache"),
        rebuilt: z
          .array(nonEmpty('an instruction prefix like "COPY . ."'))
          .min(1)
          .optional()
          .describe("Instructions (text prefixes) that must run again"),
      })
      .strict()
      .optional()
      .describe("For docker build: per-instruction cache expectations, read from the build output"),
  })
  .strict();

/** Keys every step may have. */
const commonStepShape = {
  name: z.string().optional().describe("What this step shows, for reports"),
  quotes: lineNumberSchema.optional().describe("Lesson line whose command this run step runs verbatim"),
  cites: z
    .union([lineNumberSchema, z.array(lineNumberSchema).min(1)], { error: "expected a line number or a list of line numbers" })
    .optional()
    .transform((cites) => (cites === undefined ? undefined : [cites].flat()))
    .describe("Lesson lines this step demonstrates"),
  finding: nonEmpty("a finding").optional().describe("A documented discrepancy with the lesson, recorded when the step passes"),
};

export const runStepSchema = z
  .object({
    ...commonStepShape,
    run: nonEmpty("a command").describe("Command run without a shell; ${name} inserts a captured value as part of one argument"),
    capture: z
      .string({ error: VARIABLE_NAME })
      .regex(IDENTIFIER_PATTERN, { error: VARIABLE_NAME })
      .optional()
      .describe("Store the trimmed stdout under this name"),
    timeout: durationSchema.prefault("60s").describe("Deadline of the command"),
    background: z.boolean({ error: "expected true or false" }).default(false).describe("Start the command and do not wait for it"),
    dockerfileLessonLine: lineNumberSchema
      .optional()
      .describe(
        "For docker build: the Dockerfile built is the lesson text starting at this line (checked verbatim); failures cite the lesson line of the failing instruction",
      ),
    expect: expectSchema.prefault({}),
  })
  .strict()
  .transform(withMs);

const checkShape = {
  ...commonStepShape,
  eventually: durationSchema.optional().describe("Retry until the check passes or this deadline passes"),
  timeout: durationSchema.prefault("10s").describe("Deadline of one attempt"),
};

const resolvesSchema = z
  .object({
    ...checkShape,
    check: z.enum(["resolves", "does-not-resolve"]),
    from: nonEmpty("a container name or id").describe("Container to resolve from"),
    hostname: nonEmpty("a hostname").describe("Hostname to resolve"),
  })
  .strict()
  .transform(withMs);

const HTTP_RESPONSE_ONLY = "expected `response` only with an http:// target (a tcp:// target has no HTTP status or body)";
const HTTP_STATUS = "expected an HTTP status code (an integer 100-599)";

const httpResponseSchema = z
  .object({
    status: z
      .int({ error: HTTP_STATUS })
      .min(100, { error: HTTP_STATUS })
      .max(599, { error: HTTP_STATUS })
      .optional()
      .describe("The status the answer must have"),
    body: textExpectationSchema.optional().describe("What the answer's body must (not) contain or match"),
  })
  .strict()
  .describe("For http:// targets: what the answer must be; without it any HTTP answer counts as reachable");

/** Keys `reachable` and `unreachable` share after `check`; only `reachable` may say what the answer must be. */
const reachShape = {
  target: targetSchema,
  from: nonEmpty("a container name or id").optional().describe("Container to connect from; absent means from the harness"),
};

const reachableSchema = z
  .object({ ...checkShape, check: z.literal("reachable"), ...reachShape, response: httpResponseSchema.optional() })
  .strict()
  .refine((step) => step.response === undefined || step.target.startsWith("http://"), { path: ["response"], error: HTTP_RESPONSE_ONLY })
  .transform(withMs);

const unreachableSchema = z
  .object({ ...checkShape, check: z.literal("unreachable"), ...reachShape })
  .strict()
  .transform(withMs);

const logsContainSchema = z
  .object({
    ...checkShape,
    check: z.literal("logs-contain"),
    container: nonEmpty("a container name or id"),
    text: nonEmpty("the text to find"),
  })
  .strict()
  .transform(withMs);

const MONGO_TARGET = new RegExp(`^mongodb://${HOST}:(?:${PORT})$`);
const mongoTargetSchema = z
  .string({ error: 'expected a MongoDB target like "mongodb://localhost:27017"' })
  .regex(MONGO_TARGET, { error: 'expected a MongoDB target like "mongodb://localhost:27017" (host and port, nothing else)' })
  .describe("Where the harness connects; localhost means the scenario's published ports");
const mongoNamespace = {
  target: mongoTargetSchema,
  database: nonEmpty("a database name"),
  collection: nonEmpty("a collection name"),
};

const mongoReadySchema = z
  .object({ ...checkShape, check: z.literal("mongo-ready"), target: mongoTargetSchema })
  .strict()
  .describe("MongoDB answers ping (use eventually for the start-up wait)")
  .transform(withMs);

const mongoInsertSchema = z
  .object({
    ...checkShape,
    check: z.literal("mongo-insert"),
    ...mongoNamespace,
    documents: z
      .array(z.record(z.string(), z.unknown()), { error: "expected a list of documents (mappings)" })
      .min(1, { error: "expected at least one document" }),
  })
  .strict()
  .describe("Inserts documents with write concern {w:1, j:true}; passes when all are acknowledged")
  .transform(withMs);

const mongoCountSchema = z
  .object({
    ...checkShape,
    check: z.literal("mongo-count"),
    ...mongoNamespace,
    equals: z.int({ error: "expected a document count (an integer >= 0)" }).min(0, { error: "expected a document count (an integer >= 0)" }),
  })
  .strict()
  .describe("The collection holds exactly this many documents (evidence: the documents seen)")
  .transform(withMs);

const imageLayersSchema = z
  .object({
    ...checkShape,
    check: z.literal("image-layers"),
    image: nonEmpty("an image reference"),
    base: nonEmpty("the base image reference"),
    dockerfile: nonEmpty("a Dockerfile path (in the workdir)").prefault("Dockerfile"),
  })
  .strict()
  .describe("Above the base, the image has one layer per filesystem-changing instruction (RUN, COPY, ADD), shown from its history")
  .transform(withMs);

const layersSharedSchema = z
  .object({
    ...checkShape,
    check: z.literal("layers-shared"),
    images: z.tuple([nonEmpty("an image reference"), nonEmpty("an image reference")], { error: "expected two image references" }),
    atLeast: z.int().min(1).prefault(1).describe("Minimum number of shared layers"),
  })
  .strict()
  .describe("The two images share layers (equal digests); evidence: which and how many bytes")
  .transform(withMs);

const valuesCompareSchema = z
  .object({
    ...checkShape,
    check: z.enum(["values-equal", "values-differ"]),
    left: z.string(),
    right: z.string(),
  })
  .strict()
  .describe("Compares two texts, typically captured values such as image ids before and after a rebuild")
  .transform(withMs);

export const checkStepSchema = z.discriminatedUnion("check", [
  resolvesSchema,
  reachableSchema,
  unreachableSchema,
  logsContainSchema,
  mongoReadySchema,
  mongoInsertSchema,
  mongoCountSchema,
  imageLayersSchema,
  layersSharedSchema,
  valuesCompareSchema,
]);

export const stepSchema = z.union([runStepSchema, checkStepSchema]);

export type RunStep = z.output<typeof runStepSchema>;
export type CheckStep = z.output<typeof checkStepSchema>;
export type CheckKind = CheckStep["check"];
export type Step = z.output<typeof stepSchema>;
export type TextExpectation = z.output<typeof textExpectationSchema>;
