import type { Docker } from "../docker/docker.js";
import { StepError } from "../support/errors.js";

const INSPECT_TIMEOUT_MS = 10_000;

/** A container a check depends on is gone or stopped: waiting longer cannot help, so say why at once. */
export class ContainerNotRunningError extends StepError {
  constructor(
    readonly container: string,
    readonly state: string,
    readonly exitCode: number | null,
    readonly lastLogs: string,
  ) {
    super(
      "E_CONTAINER_NOT_RUNNING",
      `expected container "${container}" to be running, found it ${state}${exitCode === null ? "" : ` (exit code ${exitCode})`}` +
        (lastLogs ? `; its last log lines:\n${lastLogs}` : ""),
    );
  }
}

export interface ContainerState {
  /** docker's State.Status (created, running, exited, …), or "missing" when there is no such container. */
  status: string;
  exitCode: number | null;
  oomKilled: boolean;
  error: string;
  /** How long it has been up (running), by the daemon's clock; null when it is not running. */
  upMs: number | null;
}

/** The container's state as the daemon reports it. */
export async function containerState(docker: Docker, container: string): Promise<ContainerState> {
  const format = "{{.State.Status}}\t{{.State.ExitCode}}\t{{.State.OOMKilled}}\t{{.State.Error}}\t{{.State.StartedAt}}";
  const inspect = await docker.query(["inspect", "--type", "container", "--format", format, container], {
    what: `docker inspect ${container}`,
    timeoutMs: INSPECT_TIMEOUT_MS,
  });
  if (inspect.exitCode !== 0) return { status: "missing", exitCode: null, oomKilled: false, error: "", upMs: null };
  const [status = "unknown", code = "", oom = "", error = "", startedAt = ""] = inspect.stdout.trim().split("\t");
  // The sandbox's daemon shares this machine's kernel clock, so its StartedAt compares with our Date.now().
  const upMs = status === "running" && !Number.isNaN(Date.parse(startedAt)) ? Math.max(0, Date.now() - Date.parse(startedAt)) : null;
  return { status, exitCode: status === "running" || status === "created" ? null : Number(code), oomKilled: oom === "true", error, upMs };
}

/** The container's last `lines` log lines, stdout and stderr as they arrived. */
export async function lastLogLines(docker: Docker, container: string, lines = 10): Promise<string> {
  const logs = await docker.query(["logs", "--tail", String(lines), container], { what: `docker logs ${container}`, timeoutMs: INSPECT_TIMEOUT_MS });
  return logs.lines
    .map((line) => line.text)
    .join("\n")
    .trim();
}

/** Throws ContainerNotRunningError when `container` is missing or not running. */
export async function assertRunning(docker: Docker, container: string): Promise<void> {
  const state = await containerState(docker, container);
  if (state.status === "running") return;
  if (state.status === "missing") throw new ContainerNotRunningError(container, "missing (no such container)", null, "");
  throw new ContainerNotRunningError(container, state.status, state.exitCode, await lastLogLines(docker, container));
}
