import type { StartedSandbox } from "../sandbox/sandbox.js";

/** What a check saw: whether it held, in words, and the raw facts behind it. */
export interface CheckOutcome {
  passed: boolean;
  message: string;
  evidence: Record<string, unknown>;
}

export interface CheckContext {
  sandbox: StartedSandbox;
  /** Image used for side-car probes that share a container's network namespace. */
  probeImage: string;
  attemptTimeoutMs: number;
}
