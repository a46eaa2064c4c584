import { FakeDocker } from "../../docker/fake-docker.js";
import type { CheckContext } from "../check-context.js";
import { PortNotPublishedError } from "../unpublished-port.js";

/**
 * A check's context for unit tests: a scripted FakeDocker as the sandbox's daemon, the scenario's `localhost:P`
 * mapped to this machine's port `ports[P]` (a local server standing in for a published port), no stand-ins.
 */
export function fakeContext(
  options: { docker?: FakeDocker; ports?: Record<number, number>; workdir?: string; limitations?: Record<string, string[]> } = {},
): CheckContext & {
  docker: FakeDocker;
} {
  const ports = options.ports ?? {};
  return {
    docker: options.docker ?? new FakeDocker(),
    localAddress(port) {
      const mapped = ports[port];
      if (mapped === undefined) throw new PortNotPublishedError(port, Object.keys(ports).map(Number));
      return { host: "127.0.0.1", port: mapped };
    },
    probeImage: "dockproof/probe",
    attemptTimeoutMs: 2_000,
    workdir: options.workdir ?? "/nonexistent",
    limitationsOf: (ref) => options.limitations?.[ref] ?? [],
  };
}
