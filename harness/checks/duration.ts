/**
 * Durations in scenario files are strings like "500ms", "30s", "5m" so they read naturally in
 * YAML; the loaded scenario carries them as milliseconds (`timeoutMs`, `eventuallyMs`).
 */
import { z } from "zod";

export const DURATION_PATTERN = /^(\d+)(ms|s|m)$/;
export const MAX_DURATION_MS = 30 * 60_000;
export const DURATION_EXPECTATION = 'expected a duration like "30s" (ms|s|m, > 0, <= 30m)';

const UNIT_MS = { ms: 1, s: 1000, m: 60_000 } as const;

/** Milliseconds for a duration string, or undefined when it is malformed or out of range. */
export function durationMs(text: string): number | undefined {
  const match = DURATION_PATTERN.exec(text);
  if (!match) return undefined;
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  return ms > 0 && ms <= MAX_DURATION_MS ? ms : undefined;
}

/** The input stays a pattern-checked string (so the JSON Schema shows it); the output is ms. */
export const durationSchema = z
  .string({ error: DURATION_EXPECTATION })
  .regex(DURATION_PATTERN, { error: DURATION_EXPECTATION, abort: true })
  .refine((text) => durationMs(text) !== undefined, { error: DURATION_EXPECTATION })
  .transform((text) => durationMs(text) as number);

type WithMs<T> = T extends { timeout: number }
  ? Omit<T, "timeout" | "eventually"> & { timeoutMs: number } & (T extends { eventually?: number } ? { eventuallyMs?: number } : unknown)
  : never;

/** Renames parsed `timeout`/`eventually` to `timeoutMs`/`eventuallyMs` so units are explicit in code. */
export function withMs<T extends { timeout: number; eventually?: number }>(value: T): WithMs<T> {
  const { timeout, eventually, ...rest } = value;
  return { ...rest, timeoutMs: timeout, ...(eventually === undefined ? {} : { eventuallyMs: eventually }) } as WithMs<T>;
}
