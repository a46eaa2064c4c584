import { execa } from "execa";
import { StepError } from "../support/errors.js";
import { assertRunning } from "./container-state.js";
import type { CheckContext, CheckOutcome } from "./check-outcome.js";

const NOT_FOUND_EXIT = 2; // getent: key not found
const NO_SUCH_PROGRAM = new Set([126, 127]);

interface Lookup {
  exitCode: number;
  stdout: string;
  via: string;
}

/**
 * Resolves `name` as a program in `from` would (getaddrinfo via getent, so /etc/hosts and Docker's DNS both count).
 * Images without getent get a probe side-car that shares the container's network namespace.
 */
async function lookup(context: CheckContext, from: string, name: string): Promise<Lookup> {
  const env = context.sandbox.cliEnv;
  const timeout = context.attemptTimeoutMs;
  const exec = await execa("docker", ["exec", from, "getent", "hosts", name], { env, reject: false, timeout });
  if (!NO_SUCH_PROGRAM.has(exec.exitCode ?? -1) && !/executable file not found/.test(exec.stderr)) {
    return { exitCode: exec.exitCode ?? -1, stdout: exec.stdout, via: `docker exec ${from} getent hosts ${name}` };
  }
  const sidecar = await execa("docker", ["run", "--rm", "--network", `container:${from}`, context.probeImage, "getent", "hosts", name], {
    env,
    reject: false,
    timeout,
  });
  return { exitCode: sidecar.exitCode ?? -1, stdout: sidecar.stdout, via: `probe side-car in ${from}'s network namespace` };
}

export async function checkResolves(context: CheckContext, from: string, name: string, expectResolves: boolean): Promise<CheckOutcome> {
  await assertRunning(from, context.sandbox.cliEnv);
  const result = await lookup(context, from, name);
  if (result.exitCode !== 0 && result.exitCode !== NOT_FOUND_EXIT) {
    throw new StepError(
      "E_LOOKUP",
      `expected getent to answer 0 (found) or 2 (not found) for "${name}" from "${from}", found exit ${result.exitCode}: ${result.stdout}`,
    );
  }
  const addresses = result.stdout
    .split("\n")
    .map((line) => line.trim().split(/\s+/)[0])
    .filter((ip): ip is string => Boolean(ip));
  const resolved = result.exitCode === 0 && addresses.length > 0;
  const evidence = { from, name, resolved, addresses, via: result.via };
  const seen = resolved ? `"${name}" resolves to ${addresses.join(", ")} from "${from}"` : `"${name}" does not resolve from "${from}"`;
  return resolved === expectResolves
    ? { passed: true, message: seen, evidence }
    : { passed: false, message: `expected "${name}" ${expectResolves ? "to resolve" : "not to resolve"} from "${from}"; found ${seen}`, evidence };
}
