import { z } from "zod";
import { durationSchema, withMs } from "./duration.js";
import { checkShape, nonEmpty, textExpectationSchema } from "./step-fields.js";
import { textFailures } from "./output-expectation.js";
import type { CheckContext, CheckOutcome } from "./check-context.js";
import { defineCheck } from "./check-definition.js";
import { ContainerNotRunningError, containerState, lastLogLines } from "./container-state.js";
import { numberOf } from "./evidence-values.js";

const LOG_LINES = 20;
const EXIT_CODE = "expected an exit code (an integer 0-255)";

const schema = z
  .object({
    ...checkShape,
    check: z.literal("container-exit"),
    container: nonEmpty("a container name or id"),
    state: z.enum(["exited", "running"]).prefault("exited").describe("exited (it stopped) or running (it is still up)"),
    exitCode: z
      .int({ error: EXIT_CODE })
      .min(0, { error: EXIT_CODE })
      .max(255, { error: EXIT_CODE })
      .optional()
      .describe("With state exited: the code it exited with"),
    logs: textExpectationSchema.optional().describe(`What its last ${LOG_LINES} log lines must (not) contain`),
    runningFor: durationSchema
      .optional()
      .describe("With state running: it must have been up this long (use eventually); exiting meanwhile fails at once"),
  })
  .strict()
  .refine((step) => step.exitCode === undefined || step.state === "exited", {
    path: ["exitCode"],
    error: "expected `exitCode` only with `state: exited`",
  })
  .describe("A container's state (running, or exited with a code) with its last log lines as evidence; use eventually to wait for an exit")
  .transform(withMs);

async function run(spec: z.output<typeof schema>, context: CheckContext): Promise<CheckOutcome> {
  const { container } = spec;
  const state = await containerState(context.docker, container);
  const lastLogs = state.status === "missing" ? "" : await lastLogLines(context.docker, container, LOG_LINES);
  const evidence = {
    container,
    status: state.status,
    exitCode: state.exitCode,
    oomKilled: state.oomKilled,
    error: state.error,
    upMs: state.upMs,
    lastLogs,
  };
  if (spec.state === "running" && state.status !== "running" && state.status !== "created") {
    // Waiting cannot bring it back: an exited container is the answer (with its last words).
    throw new ContainerNotRunningError(
      container,
      state.status === "missing" ? "missing (no such container)" : state.status,
      state.exitCode,
      lastLogs,
    );
  }
  if (spec.state === "running" && spec.runningFor !== undefined && (state.upMs ?? 0) < spec.runningFor) {
    return { passed: false, message: `expected "${container}" up for ${spec.runningFor} ms, found it up ${state.upMs ?? 0} ms`, evidence };
  }
  const seen =
    state.status === "exited" ? `exited with code ${state.exitCode}` : state.status === "missing" ? "missing (no such container)" : state.status;
  const failures = [
    ...(state.status === spec.state ? [] : [`expected container "${container}" ${spec.state}, found it ${seen}`]),
    ...(spec.exitCode !== undefined && state.status === "exited" && state.exitCode !== spec.exitCode
      ? [`expected exit code ${spec.exitCode}, found ${state.exitCode}`]
      : []),
    ...textFailures(`the last ${LOG_LINES} log lines of "${container}"`, lastLogs, spec.logs),
  ];
  const lastLine = lastLogs.split("\n").at(-1) ?? "";
  return failures.length === 0
    ? { passed: true, message: `"${container}" ${seen}${lastLine ? `: ${lastLine}` : ""}`, evidence }
    : { passed: false, message: failures.join("; "), evidence };
}

export const containerExitCheck = defineCheck({
  kinds: ["container-exit"],
  schemas: [schema],
  variableFields: ["container", "logs.contains", "logs.notContains", "logs.matches", "logs.equals"],
  describe: (spec) =>
    `${spec.container} ${spec.state === "running" ? "is running" : `exited${spec.exitCode === undefined ? "" : ` with code ${spec.exitCode}`}`}`,
  run,
  words: (evidence) => {
    if (typeof evidence.container !== "string" || typeof evidence.status !== "string") return [];
    const code = numberOf(evidence.exitCode);
    const lastLine = typeof evidence.lastLogs === "string" ? (evidence.lastLogs.split("\n").at(-1) ?? "") : "";
    const state = evidence.status === "exited" ? `exited ${code}` : evidence.status;
    return [`${evidence.container} ${state}${lastLine ? `: ${lastLine}` : ""}`];
  },
});
