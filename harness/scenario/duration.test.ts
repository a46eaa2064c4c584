import { describe, expect, it } from 'vitest';
import { durationMs, durationSchema, parseDuration, withMs } from './duration.js';

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['30s', 30_000],
    ['5m', 300_000],
    ['30m', 1_800_000],
  ])('%s → %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['0s', '-5s', '31m', '1h', '1.5s', '10', ' 5s', '5 s', ''])('rejects %j', (text) => {
    expect(durationMs(text)).toBeUndefined();
    expect(() => parseDuration(text)).toThrow(expect.objectContaining({ code: 'E_DURATION' }));
  });

  it('says what was expected and found', () => {
    expect(() => parseDuration('-5s')).toThrow('expected a duration like "30s" (ms|s|m, > 0, <= 30m), found "-5s"');
  });
});

describe('durationSchema', () => {
  it('parses to ms and reports one issue per bad value', () => {
    expect(durationSchema.parse('2s')).toBe(2000);
    expect(durationSchema.safeParse('0ms').error?.issues).toHaveLength(1);
    expect(durationSchema.safeParse('soon').error?.issues).toHaveLength(1);
    expect(durationSchema.safeParse(5).error?.issues[0]?.message).toMatch(/^expected a duration/);
  });
});

describe('withMs', () => {
  it('renames timeout and eventually', () => {
    expect(withMs({ check: 'x', timeout: 10, eventually: 20 })).toEqual({ check: 'x', timeoutMs: 10, eventuallyMs: 20 });
    expect(withMs({ run: 'x', timeout: 10 })).toEqual({ run: 'x', timeoutMs: 10 });
  });
});
