import { execa } from "execa";
import { StepError } from "../support/errors.js";
import type { CheckContext, CheckOutcome } from "./check-outcome.js";

export async function checkLogsContain(context: CheckContext, container: string, text: string): Promise<CheckOutcome> {
  const result = await execa("docker", ["logs", container], {
    env: context.sandbox.cliEnv,
    reject: false,
    timeout: context.attemptTimeoutMs,
    all: true,
  });
  if (result.exitCode !== 0)
    throw new StepError("E_LOGS", `expected docker logs ${container} to succeed, found exit ${result.exitCode}: ${result.stderr.trim()}`);
  const logs = String(result.all ?? "");
  const line = logs.split("\n").find((candidate) => candidate.includes(text));
  const tail = logs.trim().split("\n").slice(-5).join("\n");
  return line !== undefined
    ? { passed: true, message: `logs of "${container}" contain "${text}"`, evidence: { container, text, line: line.trim() } }
    : { passed: false, message: `expected logs of "${container}" to contain "${text}"; last lines:\n${tail}`, evidence: { container, text, tail } };
}
