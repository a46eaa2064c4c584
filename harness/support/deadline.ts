import { DockproofError } from "./errors.js";

/** A wait that ran out: says what it waited for and for how long. */
export class DeadlineError extends DockproofError {
  constructor(
    readonly waitedFor: string,
    readonly timeoutMs: number,
    options?: { cause?: unknown },
  ) {
    super("E_DEADLINE", `timed out after ${formatMs(timeoutMs)} waiting for ${waitedFor}`, options);
  }
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)}s` : `${Math.round(ms)}ms`;
}

/** Races a promise against a deadline; the timer never keeps the process alive. */
export async function withDeadline<T>(promise: Promise<T>, timeoutMs: number, waitedFor: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(waitedFor, timeoutMs)), timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `probe` until it returns a value (not undefined) or the deadline passes. */
export async function pollUntil<T>(
  probe: () => Promise<T | undefined>,
  options: { timeoutMs: number; intervalMs?: number; waitedFor: string },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) throw new DeadlineError(options.waitedFor, options.timeoutMs, { cause: lastError });
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
  }
}
