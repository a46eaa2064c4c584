import { describe, expect, it } from "vitest";
import { PrestartQueue, prestartAhead } from "./prestart-queue.js";

class Started implements AsyncDisposable {
  disposed = 0;
  constructor(readonly index: number) {}
  async [Symbol.asyncDispose]() {
    this.disposed += 1;
  }
}

const GiB = 1024 ** 3;

function queue(count: number, ahead: number, free = 8 * GiB, skip: number[] = []) {
  const prepared: Started[] = [];
  const logs: string[] = [];
  const prestarts = new PrestartQueue(
    count,
    (index) => {
      if (skip.includes(index)) return null;
      const started = new Started(index);
      prepared.push(started);
      return Promise.resolve(started);
    },
    { ahead, freeMemory: () => free, log: (line) => logs.push(line) },
  );
  return { prestarts, prepared, logs };
}

describe("PrestartQueue", () => {
  it("starts the next `ahead` runs' sandboxes when a run begins, each once, and hands each to its own run", async () => {
    const { prestarts, prepared } = queue(5, 2);
    prestarts.ahead(0);
    expect(prepared.map((started) => started.index)).toEqual([1, 2]);
    expect(prestarts.take(0)).toBeUndefined();
    prestarts.ahead(1);
    expect(prepared.map((started) => started.index)).toEqual([1, 2, 3]);
    expect((await prestarts.take(1))?.index).toBe(1);
    prestarts.ahead(4);
    expect(prepared).toHaveLength(3);
    expect(prestarts.waiting).toBe(2);
  });

  it("never starts one for a run that has begun, nor one the run does not need", () => {
    const { prestarts, prepared } = queue(4, 3, 8 * GiB, [2]);
    expect(prestarts.take(1)).toBeUndefined();
    prestarts.ahead(0);
    expect(prepared.map((started) => started.index)).toEqual([3]);
  });

  it("starts none with ahead 0 (host isolation, --no-prestart)", () => {
    const { prestarts, prepared } = queue(4, 0);
    prestarts.ahead(0);
    expect(prepared).toHaveLength(0);
  });

  it("starts none while less memory than the floor is free, and says so once", () => {
    const { prestarts, prepared, logs } = queue(4, 2, GiB);
    prestarts.ahead(0);
    prestarts.ahead(1);
    expect(prepared).toHaveLength(0);
    expect(logs).toEqual(["not starting sandboxes ahead: 1024 MiB of memory free, expected at least 2048 MiB"]);
  });

  it("removes on dispose the sandboxes no run took, and only those", async () => {
    const { prestarts, prepared } = queue(4, 2);
    prestarts.ahead(0);
    const taken = await prestarts.take(1);
    await prestarts[Symbol.asyncDispose]();
    expect(taken?.disposed).toBe(0);
    expect(prepared.find((started) => started.index === 2)?.disposed).toBe(1);
    expect(prestarts.waiting).toBe(0);
  });
});

describe("prestartAhead", () => {
  it("auto: one per core the running scenarios leave spare, never more than --concurrency", () => {
    expect(prestartAhead("auto", 2, 2)).toBe(0);
    expect(prestartAhead("auto", 1, 2)).toBe(1);
    expect(prestartAhead("auto", 2, 8)).toBe(2);
    expect(prestartAhead("auto", 4, 2)).toBe(0);
  });

  it("a number is taken as given, up to --concurrency", () => {
    expect(prestartAhead(0, 2, 8)).toBe(0);
    expect(prestartAhead(2, 2, 2)).toBe(2);
    expect(prestartAhead(5, 2, 2)).toBe(2);
  });
});
