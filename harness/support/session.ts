import { randomUUID } from "node:crypto";
import { hostname } from "node:os";

export const SESSION_LABEL = "org.dockproof.session";
export const OWNER_PID_LABEL = "org.dockproof.owner-pid";
export const OWNER_HOST_LABEL = "org.dockproof.owner-host";
export const SCENARIO_LABEL = "org.dockproof.scenario";

/** One id per dockproof process: everything it creates on the outer engine carries it, so cleanup can find exactly that. */
export const sessionId = process.env.DOCKPROOF_SESSION_ID ?? randomUUID();

export function sessionLabels(extra: Record<string, string> = {}): Record<string, string> {
  return {
    [SESSION_LABEL]: sessionId,
    [OWNER_PID_LABEL]: String(process.pid),
    [OWNER_HOST_LABEL]: hostname(),
    ...extra,
  };
}
