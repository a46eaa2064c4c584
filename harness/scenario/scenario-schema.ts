/** The top level of a scenario file (schemaVersion 1). */
import { z } from "zod";
import { durationSchema, withMs } from "../checks/duration.js";
import { nonEmpty } from "../checks/step-fields.js";
import { lineNumberSchema, stepSchema } from "./step-schema.js";

export const SCHEMA_VERSION = 1;

const lessonSchema = z
  .object({
    file: z
      .string({ error: "expected a lesson file name (relative to the lessons directory)" })
      .min(1)
      .describe("Lesson text file, relative to the lessons directory"),
    section: z
      .string({ error: "expected a section heading (a line of the lesson file)" })
      .trim()
      .min(1)
      .describe("A line of the lesson file that heads the section under test"),
    lines: z
      .tuple([lineNumberSchema, lineNumberSchema], { error: "expected [from, to] line numbers" })
      .optional()
      .describe("Lesson lines [from, to] under test, 1-based"),
  })
  .strict();

const compiles = (source: string) => {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
};

const expectedFailureSchema = z
  .object({
    step: nonEmpty("the name of the step that fails").optional().describe("The step whose failure is the known issue"),
    message: nonEmpty("a regular expression")
      .refine(compiles, { error: "expected a valid JavaScript regular expression" })
      .optional()
      .describe("A pattern the step's error must match"),
    engines: z.array(nonEmpty("an engine name")).min(1).optional().describe("Only on these engines (default: all)"),
  })
  .strict()
  .refine((failure) => failure.step !== undefined || failure.message !== undefined, {
    error: "expected `step`, `message` or both: what the failure is",
  });

const KNOWN_ISSUE =
  'expected a known issue like { line: 41, reason: "why", expect: { step: "the step that fails", message: "a pattern of its error" } }';
const knownIssueSchema = z
  .object(
    {
      line: lineNumberSchema.describe("The lesson line the issue is about"),
      reason: nonEmpty("why the lesson is wrong here").describe("An explanation, reported as the scenario's words, never as evidence"),
      expect: z
        .union([expectedFailureSchema, z.array(expectedFailureSchema).min(1)], { error: "expected { step, message } or a list of them" })
        .transform((expect) => [expect].flat())
        .describe("The failure(s) the issue produces; a failure anywhere else fails the scenario"),
    },
    { error: KNOWN_ISSUE },
  )
  .strict()
  .describe("The scenario documents a bug in the lesson: the failure it expects is a finding, any other failure fails it");

const waiverSchema = z
  .object({
    line: lineNumberSchema.describe("A lesson line no step runs or cites"),
    reason: nonEmpty("why it is not run").describe("Why (e.g. a GUI step replaced by a check)"),
  })
  .strict();

const lessonFileSchema = z
  .object({
    path: nonEmpty("a file path in the working folder").describe("Where the text lands, relative to the working folder"),
    lines: z.tuple([lineNumberSchema, lineNumberSchema], { error: "expected [from, to] line numbers" }).describe("The lesson lines it holds"),
    before: z.string().optional().describe("Text of the scenario's own written before the lesson's lines (e.g. a FROM for a single instruction)"),
  })
  .strict()
  .describe("A file taken from the lesson's text (a Dockerfile block), written into the working folder before the first step");

export const scenarioSchema = z
  .object({
    schemaVersion: z.literal(SCHEMA_VERSION),
    name: z.string({ error: "expected a scenario name (a non-empty string)" }).min(1, { error: "expected a scenario name (a non-empty string)" }),
    description: z.string().optional(),
    lesson: lessonSchema,
    workdir: z
      .string()
      .min(1)
      .optional()
      .describe("Folder the commands run in (a fresh copy per run), relative to this file: the app the lesson has the learner clone"),
    knownIssue: knownIssueSchema.optional(),
    waives: z.array(waiverSchema).optional().describe("Lesson lines this scenario's section leaves unrun, and why"),
    lessonFiles: z.array(lessonFileSchema).optional(),
    given: z
      .object({
        containers: z.array(nonEmpty("a container name")).optional(),
        volumes: z.array(nonEmpty("a volume name")).optional(),
        networks: z.array(nonEmpty("a network name")).optional(),
        composeProjects: z.array(nonEmpty('a compose project ("." for the working folder\'s)')).optional(),
      })
      .strict()
      .optional()
      .describe(
        "Objects the steps act on that the scenario does not make (from outside it): acting on one is a note, not a problem. A sandbox starts empty, so such a step finds nothing",
      ),
    demonstration: nonEmpty("what the scenario demonstrates instead of the lesson's own text")
      .optional()
      .describe(
        "The scenario shows the lesson's principle on material of its own (not the lesson's text): reported as a demonstration, never as the lesson passing",
      ),
    images: z
      .array(z.string({ error: 'expected an image reference like "dockproof/probe"' }).min(1), { error: "expected a list of image references" })
      .describe(
        "Every image the steps run, pull or build FROM: pulled, or offline substituted (an image with no substitute offline skips the scenario)",
      ),
    timeout: durationSchema.prefault("5m").describe("Deadline of the whole scenario"),
    steps: z.array(stepSchema, { error: "expected a list of steps" }).min(1, { error: "expected at least one step" }),
  })
  .strict()
  .transform(withMs)
  .meta({ title: "dockproof scenario", description: "A Docker lesson claim, proved against real containers" });

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
