import { z } from "zod";
import { withMs } from "./duration.js";
import { checkShape, nonEmpty } from "./step-fields.js";
import { StepError } from "../support/errors.js";
import type { CheckContext, CheckOutcome } from "./check-context.js";
import { defineCheck } from "./check-definition.js";

const schema = z
  .object({
    ...checkShape,
    check: z.literal("logs-contain"),
    container: nonEmpty("a container name or id"),
    text: nonEmpty("the text to find"),
  })
  .strict()
  .describe("A container's logs (stdout and stderr) have a line containing the text")
  .transform(withMs);

async function run(spec: z.output<typeof schema>, context: CheckContext): Promise<CheckOutcome> {
  const { container, text } = spec;
  const result = await context.docker.query(["logs", container], { what: `docker logs ${container}`, timeoutMs: context.attemptTimeoutMs });
  if (result.timedOut)
    return {
      passed: false,
      message: `expected docker logs ${container} to answer within ${context.attemptTimeoutMs} ms`,
      evidence: { container, text },
    };
  if (result.exitCode !== 0)
    throw new StepError("E_LOGS", `expected docker logs ${container} to succeed, found exit ${result.exitCode}: ${result.stderr.trim()}`);
  // Both whole streams are searched (the line list is capped for memory); only the tail shown needs arrival order.
  const line = `${result.stdout}\n${result.stderr}`.split("\n").find((candidate) => candidate.includes(text));
  const tail = result.lines
    .slice(-5)
    .map((entry) => entry.text)
    .join("\n");
  return line !== undefined
    ? { passed: true, message: `logs of "${container}" contain "${text}"`, evidence: { container, text, line: line.trim() } }
    : { passed: false, message: `expected logs of "${container}" to contain "${text}"; last lines:\n${tail}`, evidence: { container, text, tail } };
}

export const logsContainCheck = defineCheck({
  kinds: ["logs-contain"],
  schemas: [schema],
  variableFields: ["container", "text"],
  describe: (spec) => `logs of ${spec.container} contain "${spec.text}"`,
  run,
  words: (evidence) =>
    typeof evidence.container !== "string" || typeof evidence.text !== "string"
      ? []
      : [`logs of ${evidence.container} ${"line" in evidence ? "show" : "lack"} ${JSON.stringify(evidence.text)}`],
});
