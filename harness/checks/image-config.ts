import { z } from "zod";
import { withMs } from "./duration.js";
import { checkShape, nonEmpty } from "./step-fields.js";
import { StepError } from "../support/errors.js";
import type { CheckContext, CheckOutcome } from "./check-context.js";
import { defineCheck } from "./check-definition.js";
import { type CommandForm, commandForm } from "./command-form.js";
import { isRecord } from "./evidence-values.js";

const commandExpectation = z
  .object({
    form: z.enum(["exec", "shell"]).optional().describe("exec (a JSON array) or shell (/bin/sh -c text)"),
    words: z.array(z.string()).optional().describe("exec: the argv; shell: the words the shell splits the text into"),
    program: z.string().optional().describe("The program that starts (the first word)"),
  })
  .strict();

const schema = z
  .object({
    ...checkShape,
    check: z.literal("image-config"),
    image: nonEmpty("an image reference"),
    cmd: commandExpectation.optional().describe("What the image's CMD must be"),
    entrypoint: commandExpectation.optional().describe("What the image's ENTRYPOINT must be"),
    workingDir: z.string().optional().describe("The WORKDIR the image ends with"),
    exposedPorts: z.array(nonEmpty('a port like "3000/tcp"')).optional().describe("Ports the image must EXPOSE (each present)"),
    volumes: z.array(nonEmpty("a path")).optional().describe("VOLUME paths the image must declare (each present)"),
    env: z.array(nonEmpty('"NAME" or "NAME=value"')).optional().describe("Environment entries the image must set (each present)"),
  })
  .strict()
  .describe("An image's configuration (Cmd, Entrypoint, WorkingDir, ExposedPorts, Volumes, Env) as evidence, with expectations")
  .transform(withMs);

type Spec = z.output<typeof schema>;
type CommandExpectation = z.output<typeof commandExpectation>;

const ConfigSchema = z.object({
  Cmd: z.array(z.string()).nullish(),
  Entrypoint: z.array(z.string()).nullish(),
  WorkingDir: z.string().nullish(),
  ExposedPorts: z.record(z.string(), z.unknown()).nullish(),
  Volumes: z.record(z.string(), z.unknown()).nullish(),
  Env: z.array(z.string()).nullish(),
});

function commandFailures(what: string, seen: CommandForm, expected: CommandExpectation | undefined): string[] {
  if (!expected) return [];
  const shown =
    seen.form === "shell" ? `shell form ${JSON.stringify(seen.script)}` : seen.form === "exec" ? `exec form ${JSON.stringify(seen.words)}` : "none";
  const failures: string[] = [];
  if (expected.form !== undefined && seen.form !== expected.form) failures.push(`expected ${what} in ${expected.form} form, found ${shown}`);
  if (expected.words !== undefined && JSON.stringify(seen.words) !== JSON.stringify(expected.words)) {
    failures.push(`expected ${what} words ${JSON.stringify(expected.words)}, found ${JSON.stringify(seen.words)} (${shown})`);
  }
  if (expected.program !== undefined && seen.program !== expected.program)
    failures.push(`expected ${what} to start ${JSON.stringify(expected.program)}, found ${JSON.stringify(seen.program)} (${shown})`);
  return failures;
}

const missing = (
  what: string,
  wanted: readonly string[] | undefined,
  present: readonly string[],
  matches: (entry: string, want: string) => boolean,
) =>
  (wanted ?? [])
    .filter((want) => !present.some((entry) => matches(entry, want)))
    .map((want) => `expected ${what} ${JSON.stringify(want)}, found ${JSON.stringify(present)}`);

async function run(spec: Spec, context: CheckContext): Promise<CheckOutcome> {
  const result = await context.docker.query(["image", "inspect", "--format", "{{json .Config}}", spec.image], {
    what: `docker image inspect ${spec.image}`,
    timeoutMs: context.attemptTimeoutMs,
  });
  if (result.exitCode !== 0)
    return { passed: false, message: `expected image ${spec.image} to exist, found: ${result.stderr.trim()}`, evidence: { image: spec.image } };
  const parsed = ConfigSchema.safeParse(JSON.parse(result.stdout || "null"));
  if (!parsed.success)
    throw new StepError("E_IMAGE_CONFIG", `docker image inspect ${spec.image} printed an unexpected config: ${result.stdout.slice(0, 300)}`);
  const config = parsed.data;
  const cmd = commandForm(config.Cmd);
  const entrypoint = commandForm(config.Entrypoint);
  const exposedPorts = Object.keys(config.ExposedPorts ?? {});
  const volumes = Object.keys(config.Volumes ?? {});
  const env = config.Env ?? [];
  const evidence = { image: spec.image, cmd, entrypoint, workingDir: config.WorkingDir ?? "", exposedPorts, volumes, env };
  const failures = [
    ...commandFailures("CMD", cmd, spec.cmd),
    ...commandFailures("ENTRYPOINT", entrypoint, spec.entrypoint),
    ...(spec.workingDir !== undefined && evidence.workingDir !== spec.workingDir
      ? [`expected WORKDIR ${JSON.stringify(spec.workingDir)}, found ${JSON.stringify(evidence.workingDir)}`]
      : []),
    ...missing("exposed port", spec.exposedPorts, exposedPorts, (entry, want) => entry === (want.includes("/") ? want : `${want}/tcp`)),
    ...missing("volume", spec.volumes, volumes, (entry, want) => entry === want),
    ...missing("environment entry", spec.env, env, (entry, want) => (want.includes("=") ? entry === want : entry.startsWith(`${want}=`))),
  ];
  const seen = describeCommand("CMD", cmd);
  return failures.length === 0
    ? { passed: true, message: `${spec.image}: ${seen}`, evidence }
    : { passed: false, message: failures.join("; "), evidence };
}

function describeCommand(what: string, command: CommandForm): string {
  if (command.form === "none") return `no ${what}`;
  return command.form === "shell"
    ? `${what} in shell form ${JSON.stringify(command.script)} (runs ${JSON.stringify(command.program)})`
    : `${what} in exec form ${JSON.stringify(command.words)}`;
}

export const imageConfigCheck = defineCheck({
  kinds: ["image-config"],
  schemas: [schema],
  variableFields: ["image", "workingDir", "cmd.words", "cmd.program", "entrypoint.words", "entrypoint.program", "exposedPorts", "volumes", "env"],
  describe: (spec) => `the configuration of ${spec.image}${spec.cmd?.form ? ` (CMD in ${spec.cmd.form} form)` : ""}`,
  run,
  words: (evidence) => {
    if (typeof evidence.image !== "string" || !isRecord(evidence.cmd)) return [];
    const cmd = evidence.cmd as unknown as CommandForm;
    return [`${evidence.image}: ${describeCommand("CMD", cmd)}`];
  },
});
