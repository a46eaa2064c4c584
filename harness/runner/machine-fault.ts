import type { StepReport } from "../model/report-types.js";
import type { StartedSandbox } from "../sandbox/sandbox.js";
import { blameOf } from "../support/error-codes.js";
import type { ErrorReport } from "../support/errors.js";

/** Something about this machine, or a bug of dockproof's own, not the lesson, stopped the scenario. */
export type MachineFault = ErrorReport;

const DISK_FULL = /no space left on device/i;

const textOf = (step: StepReport) => [step.error?.message ?? "", String(step.evidence?.stdout ?? ""), String(step.evidence?.stderr ?? "")].join("\n");

/**
 * The one rule for blame (README, "Who is to blame"). A step's failure on a healthy sandbox — its daemon answers, the
 * outer engine is there, the disk has room — is the lesson's, whatever Docker said about the lesson's own containers,
 * ports, volumes or images. It is an error only when the sandbox or the outer engine is gone, the disk is full, or the
 * step's error code is declared the machine's or dockproof's own (error-codes.ts); a failure outside the steps (the
 * sandbox did not start, a bug) asked nothing of the lesson and is an error too.
 */
export async function machineFault(
  steps: readonly StepReport[],
  harnessError: ErrorReport | null,
  sandbox: StartedSandbox | undefined,
): Promise<MachineFault | null> {
  const failed = steps.find((step) => step.status === "failed");
  if (!failed && !harnessError) return null;
  if (sandbox) {
    const health = await sandbox
      .health()
      .catch((error: unknown) => ({ alive: false as const, reason: `its health could not be read: ${(error as Error).message}`, code: undefined }));
    if (!health.alive) return { code: health.code ?? "E_SANDBOX_LOST", message: health.reason };
  }
  if (failed && DISK_FULL.test(textOf(failed)))
    return { code: "E_DISK_FULL", message: `the sandbox's disk is full: step "${failed.name}": ${failed.error?.message ?? ""}` };
  const blame = failed?.error ? blameOf(failed.error.code) : null;
  if (failed?.error && (blame === "machine" || blame === "harness")) {
    const who = blame === "machine" ? "this machine" : "dockproof's own code (a bug)";
    return { ...failed.error, message: `step "${failed.name}" was stopped by ${who}: ${failed.error.message}` };
  }
  return harnessError;
}
