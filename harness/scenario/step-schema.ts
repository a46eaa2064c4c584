/**
 * Steps of a scenario: a `run` step executes one command (argv, no shell); a `check` step asks
 * the harness to verify one claim (name resolution, reachability, logs). Every object is strict
 * so a misspelt key is an error rather than a silently ignored expectation.
 */
import { z } from "zod";
import { CHECKS, type CheckStep } from "../checks/index.js";
import { durationSchema, withMs } from "../checks/duration.js";
import {
  commonStepShape,
  IDENTIFIER_PATTERN,
  lineNumberSchema,
  nonEmpty,
  TEXT_EXPECTATION_FIELDS,
  textExpectationSchema,
} from "../checks/step-fields.js";

export { IDENTIFIER_PATTERN, lineNumberSchema, textExpectationSchema } from "../checks/step-fields.js";

/** Run-step fields besides `run` whose text may hold `${name}` (the command's own are parsed from it). */
export const RUN_STEP_VARIABLE_FIELDS: readonly string[] = [
  ...["stdout", "stderr"].flatMap((stream) => TEXT_EXPECTATION_FIELDS.map((field) => `expect.${stream}.${field}`)),
  "interrupt.when",
];

const VARIABLE_NAME = 'expected a variable name like "alpha_id" (letters, digits, _)';
/** Shell steps get captured values as environment variables: these names would change how the shell itself runs. */
const SHELL_RESERVED = new Set([
  "PATH",
  "HOME",
  "PWD",
  "OLDPWD",
  "IFS",
  "SHELL",
  "USER",
  "TERM",
  "LANG",
  "ENV",
  "CDPATH",
  "HOSTNAME",
  "PS1",
  "PS2",
  "PS4",
]);
const isShellReserved = (name: string): boolean => SHELL_RESERVED.has(name) || /^(DOCKER|LC|LD)_/.test(name);

const expectSchema = z
  .object({
    exitCode: z
      .int({ error: "expected an exit code (an integer 0-255)" })
      .min(0)
      .max(255)
      .optional()
      .describe("The command's exit code (default 0; with interrupt: any, unless given)"),
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

const INTERRUPT_EXPECTATION = 'expected { after: "10s" } or { when: "<text in the output>" }, optionally with within: "20s"';

/** Ctrl+C: when the learner presses it, and how long the command may take to end then. */
const interruptSchema = z
  .object({
    after: durationSchema.optional().describe("Press Ctrl+C this long after the command started"),
    when: nonEmpty("the text to wait for").optional().describe("Press Ctrl+C once the command's output shows this text"),
    within: durationSchema.prefault("20s").describe("The command must end this soon after Ctrl+C"),
  })
  .strict()
  .refine((spec) => (spec.after === undefined) !== (spec.when === undefined), { error: INTERRUPT_EXPECTATION })
  .transform(({ after, when, within }) => ({
    ...(after === undefined ? {} : { afterMs: after }),
    ...(when === undefined ? {} : { when }),
    withinMs: within,
  }))
  .describe(
    "Interrupt the command as a learner presses Ctrl+C: through its terminal (SIGINT), after a time or once a text appeared; it must then end. The output up to then is the evidence",
  );

export const runStepSchema = z
  .object({
    ...commonStepShape,
    run: z
      .union([nonEmpty("a command"), z.object({ lesson: lineNumberSchema.describe("The lesson line whose command runs") }).strict()], {
        error: "expected a command, or { lesson: N } to run what lesson line N says",
      })
      .describe(
        "Command run without a shell (${name} inserts a captured value as part of one argument), or { lesson: N }: what lesson line N says now",
      ),
    capture: z
      .string({ error: VARIABLE_NAME })
      .regex(IDENTIFIER_PATTERN, { error: VARIABLE_NAME })
      .refine((name) => !isShellReserved(name), {
        error:
          "expected a capture name that is no environment variable the shell or docker CLI reads (shell steps receive captured values as environment variables: PATH, HOME, IFS, DOCKER_*, LC_*, LD_* …)",
      })
      .optional()
      .describe("Store the trimmed stdout under this name"),
    timeout: durationSchema.prefault("60s").describe("Deadline of the command"),
    background: z.boolean({ error: "expected true or false" }).default(false).describe("Start the command and do not wait for it"),
    shell: z
      .boolean({ error: "expected true or false" })
      .default(false)
      .describe(
        "Run the line in a POSIX shell in the learner's terminal (redirections, pipes, &&, cd, $(pwd)); captured values are environment variables",
      ),
    input: z
      .string({ error: "expected the text the learner types (a string)" })
      .optional()
      .describe("Standard input: what the learner types in answer"),
    tty: z.boolean({ error: "expected true or false" }).default(false).describe("Run under a pseudo-terminal (as docker exec -it needs)"),
    interrupt: interruptSchema.optional(),
    expect: expectSchema.prefault({}),
  })
  .strict()
  .transform(withMs);

type Discriminable = z.core.$ZodTypeDiscriminable;
const checkSchemas = CHECKS.flatMap((definition): readonly unknown[] => definition.schemas) as [Discriminable, ...Discriminable[]];
// The union of every check module's schemas, discriminated by `check` (see harness/checks/index.ts); each module
// types its own steps, the list's union type is CheckStep.
export const checkStepSchema = z.discriminatedUnion("check", checkSchemas) as unknown as z.ZodType<CheckStep>;

export const stepSchema = z.union([runStepSchema, checkStepSchema]);

export type RunStep = z.output<typeof runStepSchema>;
export type { CheckStep };
export type CheckKind = CheckStep["check"];
export type Step = RunStep | CheckStep;
export type TextExpectation = z.output<typeof textExpectationSchema>;
