import { z } from "zod";
import { withMs } from "./duration.js";
import { checkShape, nonEmpty } from "./step-fields.js";
import { StepError } from "../support/errors.js";
import type { CheckContext, CheckOutcome } from "./check-context.js";
import { defineCheck } from "./check-definition.js";
import { assertRunning } from "./container-state.js";
import { fromWhere, stringList } from "./evidence-values.js";
import { runProbeSidecar } from "./probe-sidecar.js";

const NOT_FOUND_EXIT = 2; // getent: key not found
const NO_SUCH_PROGRAM = new Set([126, 127]);

const schema = z
  .object({
    ...checkShape,
    check: z.enum(["resolves", "does-not-resolve"]),
    from: nonEmpty("a container name or id").describe("Container to resolve from"),
    hostname: nonEmpty("a hostname").describe("Hostname to resolve"),
  })
  .strict()
  .describe("A name resolves (or not) as a program in `from` would resolve it; evidence: the addresses seen")
  .transform(withMs);

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
  const timeoutMs = context.attemptTimeoutMs;
  const exec = await context.docker.query(["exec", from, "getent", "hosts", name], { what: `getent hosts ${name} in ${from}`, timeoutMs });
  if (!NO_SUCH_PROGRAM.has(exec.exitCode ?? -1) && !/executable file not found/.test(exec.stderr)) {
    return { exitCode: exec.exitCode ?? -1, stdout: exec.stdout, via: `docker exec ${from} getent hosts ${name}` };
  }
  const sidecar = await runProbeSidecar(context, from, ["getent", "hosts", name], timeoutMs);
  return { exitCode: sidecar.exitCode ?? -1, stdout: sidecar.stdout, via: `probe side-car in ${from}'s network namespace` };
}

async function run(spec: z.output<typeof schema>, context: CheckContext): Promise<CheckOutcome> {
  const { from, hostname: name } = spec;
  const expectResolves = spec.check === "resolves";
  await assertRunning(context.docker, from);
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

export const resolvesCheck = defineCheck({
  kinds: ["resolves", "does-not-resolve"],
  schemas: [schema],
  variableFields: ["from", "hostname"],
  describe: (spec) => `${spec.check} ${spec.hostname} from ${spec.from}`,
  run,
  words: (evidence) => {
    if (typeof evidence.name !== "string") return [];
    const addresses = stringList(evidence.addresses);
    return [
      evidence.resolved === true
        ? `${evidence.name} -> ${addresses.join(", ") || "(an address)"} from ${fromWhere(evidence.from)}`
        : `${evidence.name} does not resolve from ${fromWhere(evidence.from)}`,
    ];
  },
});
