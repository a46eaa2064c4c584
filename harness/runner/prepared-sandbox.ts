import type { StartedSandbox } from "../sandbox/sandbox.js";
import { SandboxError } from "../support/errors.js";
import { interrupted } from "../support/signal-cleanup.js";
import type { RunEventListener } from "../model/run-events.js";
import type { ScenarioEnvironment } from "./scenario-environment.js";
import type { ScenarioPlan } from "../scenario/plan.js";
import { WorkdirCopy } from "./workdir-copy.js";

/** A scenario's fresh working folder and the sandbox that mounts it, ready before its first step. */
export interface PreparedSandbox extends AsyncDisposable {
  readonly workdir: WorkdirCopy;
  readonly sandbox: StartedSandbox;
  /** Failed starts before this one (kept in the report with the daemon's log lines). */
  readonly failedStarts: string[];
}

/**
 * Readiness, not a verdict: a sandbox daemon that dies while starting (seen once in a soak under heavy load) gets
 * one more try. Every failed start is kept in the report with the daemon's last log lines, so none is hidden.
 */
export async function prepareSandbox(plan: ScenarioPlan, environment: ScenarioEnvironment, emit: RunEventListener): Promise<PreparedSandbox> {
  // A learner's own folder: a fresh copy of the app they clone, or an empty one; never the checkout.
  const workdir = plan.workdir ? await WorkdirCopy.create(plan.workdir) : await WorkdirCopy.empty();
  const failedStarts: string[] = [];
  try {
    for (;;) {
      // An interrupted run is removing what it made; a sandbox started now could outlive the process.
      if (interrupted()) throw new SandboxError("E_INTERRUPTED", "the run was interrupted; no new sandbox is started");
      try {
        const request = { scenario: plan.file, images: plan.images, publishedPorts: plan.publishedPorts, workdir: workdir.path };
        const sandbox = await environment.sandboxes.start(request);
        return {
          workdir,
          sandbox,
          failedStarts,
          async [Symbol.asyncDispose]() {
            await sandbox.stop().finally(() => workdir[Symbol.asyncDispose]());
          },
        };
      } catch (error) {
        if (!(error instanceof SandboxError) || error.code !== "E_SANDBOX_START" || failedStarts.length >= 1) throw error;
        failedStarts.push(error.message);
        emit({ type: "log", message: `sandbox start failed, trying once more: ${error.message.split("\n")[0]}` });
      }
    }
  } catch (error) {
    await workdir[Symbol.asyncDispose]();
    throw error;
  }
}
