import type { StepReport } from "../model/report-types.js";
import type { StartedSandbox } from "../sandbox/sandbox.js";
import { DOCKER_ERROR_CODES } from "../support/error-codes.js";

/** Something about this machine, not the lesson, stopped the scenario. */
export interface MachineFault {
  code: "E_SANDBOX_LOST" | "E_DISK_FULL" | "E_HARNESS";
  message: string;
}

const DISK_FULL = /no space left on device/i;
const HARNESS_CODES: ReadonlySet<string> = new Set([...Object.values(DOCKER_ERROR_CODES), "E_INTERNAL"]);

const textOf = (step: StepReport) => [step.error?.message ?? "", String(step.evidence?.stdout ?? ""), String(step.evidence?.stderr ?? "")].join("\n");

/**
 * Before a failure is blamed on the lesson: is the sandbox still there (its daemon alive and answering), did the disk
 * fill up, did the harness itself break? Any of these makes the scenario an error, with the cause; only a failure on
 * a healthy sandbox is a lesson verdict.
 */
export async function machineFault(
  steps: readonly StepReport[],
  harnessError: { code: string; message: string } | null,
  sandbox: StartedSandbox | undefined,
): Promise<MachineFault | null> {
  const failed = steps.find((step) => step.status === "failed");
  if (!failed && !harnessError) return null;
  if (sandbox) {
    const health = await sandbox
      .health()
      .catch((error: unknown) => ({ alive: false as const, reason: `its health could not be read: ${(error as Error).message}` }));
    if (!health.alive) return { code: "E_SANDBOX_LOST", message: health.reason };
  }
  if (failed && DISK_FULL.test(textOf(failed)))
    return { code: "E_DISK_FULL", message: `the sandbox's disk is full: step "${failed.name}": ${failed.error?.message ?? ""}` };
  if (failed?.error && HARNESS_CODES.has(failed.error.code)) return { code: "E_HARNESS", message: `step "${failed.name}": ${failed.error.message}` };
  // A sandbox that did not start or load its images, an interrupted run, a bug: nothing was asked of the lesson.
  if (harnessError) return { code: "E_HARNESS", message: `${harnessError.code}: ${harnessError.message}` };
  return null;
}
