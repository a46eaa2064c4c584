import type { DockerClient } from "../docker/docker-client.js";
import type { StartedSandbox } from "../sandbox/sandbox.js";

/** What a check saw: whether it held, in words, and the raw facts behind it. */
export interface CheckOutcome {
  passed: boolean;
  message: string;
  evidence: Record<string, unknown>;
}

export interface CheckContext {
  sandbox: StartedSandbox;
  /** The harness's docker calls against the sandbox's daemon. */
  docker: DockerClient;
  /** Image used for side-car probes that share a container's network namespace. */
  probeImage: string;
  /** Deadline of one attempt (the step's `timeout`). */
  attemptTimeoutMs: number;
  /** The scenario's working folder, where relative paths (a Dockerfile) are read. */
  workdir: string;
}

/** `host:port` as the scenario names it -> where the harness connects: its `localhost` is the sandbox's published ports. */
export function harnessAddress(context: CheckContext, host: string, port: number): { host: string; port: number } {
  return host === "localhost" || host === "127.0.0.1" ? context.sandbox.localAddress(port) : { host, port };
}
