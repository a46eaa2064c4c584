import pRetry, { AbortError } from "p-retry";
import type { CheckOutcome } from "./check-context.js";

class NotYet extends Error {
  constructor(readonly outcome: CheckOutcome) {
    super(outcome.message);
  }
}

/**
 * Readiness only: retries a check until it holds or `withinMs` passes. Errors that waiting cannot fix
 * (a dead container, a malformed answer) stop the retries at once.
 */
export async function eventually(check: () => Promise<CheckOutcome>, withinMs: number): Promise<CheckOutcome> {
  const started = performance.now();
  let attempts = 0;
  let last: CheckOutcome | undefined;
  try {
    const outcome = await pRetry(
      async () => {
        attempts += 1;
        try {
          last = await check();
        } catch (error) {
          throw new AbortError(error as Error);
        }
        if (!last.passed) throw new NotYet(last);
        return last;
      },
      { retries: 10_000, minTimeout: 200, maxTimeout: 2_000, factor: 1.5, maxRetryTime: withinMs },
    );
    return { ...outcome, evidence: { ...outcome.evidence, attempts, waitedMs: Math.round(performance.now() - started) } };
  } catch (error) {
    if (error instanceof NotYet && last) {
      return {
        ...last,
        message: `${last.message} (still after ${attempts} attempts over ${Math.round(performance.now() - started)} ms)`,
        evidence: { ...last.evidence, attempts, waitedMs: Math.round(performance.now() - started) },
      };
    }
    throw error;
  }
}
