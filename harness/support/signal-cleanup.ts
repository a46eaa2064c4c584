/**
 * Without the testcontainers reaper, cleanup is ours: on SIGINT/SIGTERM we run every registered
 * disposer (sandboxes, background commands) before exiting, so an interrupted run leaves nothing behind.
 */
const disposers = new Set<() => Promise<unknown>>();
let installed = false;

export function onInterrupt(dispose: () => Promise<unknown>): () => void {
  disposers.add(dispose);
  return () => disposers.delete(dispose);
}

export function installSignalCleanup(): void {
  if (installed) return;
  installed = true;
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    // `on`, not `once`: execa's exit hook re-raises the signal (killing us mid-cleanup) when it sees no other listener.
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      process.stderr.write(`\ndockproof: ${signal} received, removing its sandboxes…\n`);
      const deadline = setTimeout(() => process.exit(130), 30_000);
      void Promise.allSettled([...disposers].map((dispose) => dispose())).then(() => {
        clearTimeout(deadline);
        process.exit(signal === "SIGINT" ? 130 : 143);
      });
    });
  }
}
