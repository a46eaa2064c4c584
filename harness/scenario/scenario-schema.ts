/** The top level of a scenario file (schemaVersion 1). */
import { z } from "zod";
import { durationSchema, withMs } from "./duration.js";
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
    knownIssue: z.string().min(1).optional().describe("Why this scenario documents a bug in the lesson"),
    images: z
      .array(z.string({ error: 'expected an image reference like "dockproof/probe"' }).min(1), { error: "expected a list of image references" })
      .describe("Images the scenario needs, all of them known to dockproof"),
    timeout: durationSchema.prefault("5m").describe("Deadline of the whole scenario"),
    steps: z.array(stepSchema, { error: "expected a list of steps" }).min(1, { error: "expected at least one step" }),
  })
  .strict()
  .transform(withMs)
  .meta({ title: "dockproof scenario", description: "A Docker lesson claim, proved against real containers" });

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
