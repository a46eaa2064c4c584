import type { ProcessResult } from "../support/run-process.js";
import type { CheckContext } from "./check-context.js";

/**
 * Runs the harness's probe image in `container`'s network namespace, so `localhost`, /etc/hosts and Docker's DNS are
 * what that container sees. Arguments reach the program as they are, never as shell text.
 */
export function runProbeSidecar(context: CheckContext, container: string, argv: readonly string[], timeoutMs: number): Promise<ProcessResult> {
  return context.docker.query(["run", "--rm", "--network", `container:${container}`, context.probeImage, ...argv], {
    what: `a probe side-car in ${container}'s network namespace (${argv.join(" ")})`,
    timeoutMs,
  });
}
