import { execa } from "execa";
import { StepError } from "../support/errors.js";

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

/** Throws ContainerNotRunningError when `container` is missing or not running. */
export async function assertRunning(container: string, env: Readonly<Record<string, string>>): Promise<void> {
  const inspect = await execa("docker", ["inspect", "--format", "{{.State.Status}} {{.State.ExitCode}}", container], {
    env,
    reject: false,
    timeout: 10_000,
  });
  if (inspect.exitCode !== 0) throw new ContainerNotRunningError(container, "missing (no such container)", null, "");
  const [status = "unknown", code = ""] = inspect.stdout.trim().split(" ");
  if (status === "running") return;
  const logs = await execa("docker", ["logs", "--tail", "10", container], { env, reject: false, timeout: 10_000, all: true });
  throw new ContainerNotRunningError(container, status, Number(code), String(logs.all ?? "").trim());
}
