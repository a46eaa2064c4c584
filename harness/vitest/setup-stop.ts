import { stopExitCode, stopMessage } from "../report/exit-code.js";

/**
 * npm test's global setup could not prepare the engine or the images. vitest exits 1 for any error of a global setup,
 * which reads as "a lesson failed"; this says whose it is (this machine, or a bug of dockproof's) and makes the exit
 * code the CLI's for the same error: 3 (2 for the user's input). vitest sets its exit code after the setup threw, so
 * the code is set again as the process exits. Returns the error for the setup to throw, so vitest still reports it.
 */
export function stopTestRun(error: unknown): unknown {
  const code = stopExitCode(error);
  process.stderr.write(`\n${stopMessage(error)}`);
  process.once("exit", () => {
    process.exitCode = code;
  });
  return error;
}
