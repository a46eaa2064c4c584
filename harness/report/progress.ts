import { createLogUpdate } from "log-update";
import type { RunEvent } from "../runner/run-events.js";
import { formatMs } from "../support/deadline.js";

interface Running {
  name: string;
  step: string;
  since: number;
  stepSince: number;
}

const STATUS_MARK = { passed: "✓", failed: "✗", "known-issue": "!", skipped: "-" } as const;

/**
 * A TTY gets a live view of running sandboxes (scenario, step, elapsed); anything else (CI logs) gets one
 * line per event, so nothing is redrawn into a log file.
 */
export class Progress {
  private readonly running = new Map<string, Running>();
  private timer: NodeJS.Timeout | undefined;
  private readonly logUpdate: ReturnType<typeof createLogUpdate>;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr, private readonly live = Boolean(stream.isTTY) && !process.env.CI) {
    this.logUpdate = createLogUpdate(stream);
  }

  readonly listener = (event: RunEvent): void => {
    const now = performance.now();
    switch (event.type) {
      case "log":
        this.print(`  ${event.message}`);
        break;
      case "scenario-start":
        this.running.set(event.file, { name: event.name, step: "starting sandbox", since: now, stepSince: now });
        if (!this.live) this.print(`▶ ${event.name} (${event.file})`);
        break;
      case "sandbox-ready":
        if (!this.live) this.print(`  sandbox ready in ${formatMs(event.readyMs)}, images seeded in ${formatMs(event.seedMs)}`);
        break;
      case "step-start": {
        const entry = this.running.get(event.file);
        if (entry) Object.assign(entry, { step: `${event.index + 1}. ${event.name}`, stepSince: now });
        break;
      }
      case "step-end":
        if (!this.live || event.step.status === "failed") {
          const mark = STATUS_MARK[event.step.status];
          this.print(`  ${mark} ${event.step.name} (${formatMs(event.step.durationMs)})${event.step.error ? `\n      ${event.step.error.message.replaceAll("\n", "\n      ")}` : ""}`);
        }
        break;
      case "scenario-end":
        this.running.delete(event.file);
        this.print(`${STATUS_MARK[event.report.status]} ${event.report.status.toUpperCase()} ${event.report.name} in ${formatMs(event.report.durationMs)}${event.report.error ? ` — ${event.report.error.message}` : ""}`);
        break;
    }
    if (this.live) this.render();
  };

  start(): this {
    if (this.live) this.timer = setInterval(() => this.render(), 250).unref();
    return this;
  }

  stop(): void {
    clearInterval(this.timer);
    if (this.live) this.logUpdate.clear();
  }

  private print(line: string): void {
    if (this.live) this.logUpdate.clear();
    this.stream.write(`${line}\n`);
  }

  private render(): void {
    const now = performance.now();
    const lines = [...this.running.values()].map((entry) => `⏳ ${entry.name} · ${entry.step} · ${formatMs(now - entry.stepSince)} (total ${formatMs(now - entry.since)})`);
    this.logUpdate(lines.join("\n"));
  }
}
