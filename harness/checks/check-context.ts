import type { Docker } from "../docker/docker.js";

/** What a check saw: whether it held, in words, and the raw facts behind it. */
export interface CheckOutcome {
  passed: boolean;
  message: string;
  evidence: Record<string, unknown>;
}

/** What a check may use of the sandbox it runs against; the runner gives the real one, unit tests a fake. */
export interface CheckContext {
  /** The sandbox's own daemon. */
  docker: Docker;
  /**
   * Where the harness reaches `localhost:port` as the scenario sees it (a port the lesson published); a port the
   * lesson never published throws PortNotPublishedError (the lesson's failure, see unpublished-port.ts).
   */
  localAddress(port: number): { host: string; port: number };
  /** Image used for side-car probes that share a container's network namespace. */
  probeImage: string;
  /** Deadline of one attempt (the step's `timeout`). */
  attemptTimeoutMs: number;
  /** The scenario's working folder, where relative paths (a Dockerfile) are read. */
  workdir: string;
  /** What dockproof's stand-in for `ref` does not do (the image catalog's own sentences); none for a real image. */
  limitationsOf(ref: string): readonly string[];
}

/** `host:port` as the scenario names it -> where the harness connects: its `localhost` is the sandbox's published ports. */
export function harnessAddress(context: CheckContext, host: string, port: number): { host: string; port: number } {
  return host === "localhost" || host === "127.0.0.1" ? context.localAddress(port) : { host, port };
}
