import type { FakeDocker } from "../../docker/fake-docker.js";

/** The format container-state.ts asks `docker inspect` for: one tab-separated line per container. */
export const STATE_FORMAT = "{{.State.Status}}\t{{.State.ExitCode}}\t{{.State.OOMKilled}}\t{{.State.Error}}\t{{.State.StartedAt}}";

/** The argv of the state question every container-bound check asks first. */
export const inspectState = (container: string): string[] => ["inspect", "--type", "container", "--format", STATE_FORMAT, container];

export interface ScriptedState {
  status: "created" | "running" | "paused" | "restarting" | "exited" | "dead";
  exitCode?: number;
  oomKilled?: boolean;
  error?: string;
  /** RFC 3339 with nanoseconds, as dockerd prints it; a never-started container shows Go's zero time. */
  startedAt?: string;
}

/** Scripts `docker inspect` of `container` as dockerd answers it, or as it answers for a name it does not know. */
export function scriptState(fake: FakeDocker, container: string, state: ScriptedState | "missing"): FakeDocker {
  if (state === "missing") return fake.on(inspectState(container), { exitCode: 1, stderr: `Error: No such container: ${container}\n` });
  const startedAt = state.startedAt ?? (state.status === "created" ? "0001-01-01T00:00:00Z" : "2024-05-01T10:00:00.123456789Z");
  const line = [state.status, state.exitCode ?? 0, state.oomKilled ?? false, state.error ?? "", startedAt].join("\t");
  return fake.on(inspectState(container), { stdout: `${line}\n` });
}
