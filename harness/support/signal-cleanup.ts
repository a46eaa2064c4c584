/**
 * Without the testcontainers reaper, cleanup is ours: on SIGINT/SIGTERM/SIGHUP, or when whoever read our output
 * has gone (EPIPE), we run every registered disposer (sandboxes, background commands, the session sweep) before
 * exiting, so an interrupted run leaves nothing behind.
 */
const disposers = new Set<() => Promise<unknown>>();
let installed = false;
let stopping = false;

const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
// 128 + SIGPIPE, what a shell reports for a writer whose reader went away.
const OUTPUT_GONE_EXIT_CODE = 141;
const CLEANUP_DEADLINE_MS = 30_000;
// A sandbox start in flight can create its container after the first sweep listed the session's resources.
const SECOND_SWEEP_DELAY_MS = 1_000;

export function onInterrupt(dispose: () => Promise<unknown>): () => void {
  disposers.add(dispose);
  return () => disposers.delete(dispose);
}

/** True once a signal or a closed output asked the run to stop: nothing new may be started from then on. */
export function interrupted(): boolean {
  return stopping;
}

const disposeAll = () => Promise.allSettled([...disposers].map((dispose) => Promise.resolve().then(dispose)));

function stopAndExit(reason: string, exitCode: number): void {
  if (stopping) return;
  stopping = true;
  process.stderr.write(`\ndockproof: ${reason}, removing its sandboxes…\n`);
  const deadline = setTimeout(() => process.exit(exitCode), CLEANUP_DEADLINE_MS);
  void disposeAll()
    .then(() => new Promise((resolve) => setTimeout(resolve, SECOND_SWEEP_DELAY_MS)))
    .then(disposeAll)
    .then(() => {
      clearTimeout(deadline);
      process.exit(exitCode);
    });
}

export function installSignalCleanup(): void {
  if (installed) return;
  installed = true;
  for (const [signal, exitCode] of Object.entries(SIGNAL_EXIT_CODES)) {
    // `on`, not `once`: execa's exit hook re-raises the signal (killing us mid-cleanup) when it sees no other listener.
    process.on(signal, () => stopAndExit(`${signal} received`, exitCode));
  }
  // A cancelled CI step, a closed terminal or a killed `| tee` closes our pipes; the next progress line would
  // otherwise throw EPIPE and end the process mid-scenario with its sandboxes still running.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => stopAndExit(`output closed (${error.code ?? error.message})`, OUTPUT_GONE_EXIT_CODE));
  }
}
