import { availableParallelism, freemem } from "node:os";

/** `--prestart`: how many sandboxes may wait started ahead; auto leaves it to the machine's spare cores. */
export type PrestartSetting = number | "auto";

/**
 * Sandboxes to start ahead. auto: one per core the running scenarios leave spare, up to --concurrency. Measured on
 * 2 cores at --concurrency 2, starting them anyway made the suite slower (the starts took the cores the running
 * scenarios' builds needed, and cost more than the ~1 s per scenario they hid).
 */
export function prestartAhead(setting: PrestartSetting, concurrency: number, cores = availableParallelism()): number {
  const wanted = setting === "auto" ? cores - concurrency : setting;
  return Math.max(0, Math.min(concurrency, wanted));
}

/**
 * Free memory below which no sandbox is started ahead. An idle sandbox daemon takes about 100 MB, but the scenarios
 * already running may be about to start a database or an `npm install`: a waiting sandbox must not take their room.
 */
export const PRESTART_MIN_FREE_BYTES = 2 * 1024 ** 3;

export interface PrestartOptions {
  /** Sandboxes started ahead at most (the run's --concurrency); 0 starts none. */
  ahead: number;
  /** Bytes of memory free on this machine now (tests give their own). */
  freeMemory?: () => number;
  minFreeBytes?: number;
  log?: (message: string) => void;
}

/**
 * Starts the sandboxes of the next runs while the current ones run, so a scenario finds its daemon ready instead of
 * waiting for it. Bounded by `ahead` and by free memory. A sandbox that no run took (the run stopped early) is
 * removed on dispose.
 */
export class PrestartQueue<T extends AsyncDisposable> implements AsyncDisposable {
  private readonly started = new Map<number, Promise<T>>();
  private readonly taken = new Set<number>();
  private saidLowMemory = false;

  constructor(
    private readonly count: number,
    /** Starts run `index`'s sandbox; null for a run that needs none (it is skipped). */
    private readonly prepare: (index: number) => Promise<T> | null,
    private readonly options: PrestartOptions,
  ) {}

  /** Run `index` has its sandbox: start the sandboxes of the next `ahead` runs that have none yet. */
  ahead(index: number): void {
    const freeMemory = this.options.freeMemory ?? freemem;
    const minFree = this.options.minFreeBytes ?? PRESTART_MIN_FREE_BYTES;
    for (let next = index + 1; next <= index + this.options.ahead && next < this.count; next++) {
      if (this.started.has(next) || this.taken.has(next)) continue;
      const free = freeMemory();
      if (free < minFree) {
        if (!this.saidLowMemory)
          this.options.log?.(`not starting sandboxes ahead: ${mib(free)} MiB of memory free, expected at least ${mib(minFree)} MiB`);
        this.saidLowMemory = true;
        return;
      }
      const prepared = this.prepare(next);
      if (!prepared) continue;
      // Its rejection reaches the run that takes it; until then it must not count as unhandled.
      prepared.catch(() => {});
      this.started.set(next, prepared);
    }
  }

  /** The sandbox started ahead for run `index`, or undefined: the run starts its own. */
  take(index: number): Promise<T> | undefined {
    this.taken.add(index);
    const prepared = this.started.get(index);
    this.started.delete(index);
    return prepared;
  }

  /** How many were started ahead and not taken yet. */
  get waiting(): number {
    return this.started.size;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    const left = [...this.started.values()];
    this.started.clear();
    await Promise.allSettled(left.map(async (prepared) => (await prepared)[Symbol.asyncDispose]()));
  }
}

const mib = (bytes: number) => Math.round(bytes / 1024 ** 2);
