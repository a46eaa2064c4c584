import { createLogUpdate } from "log-update";
import type { RunEvent } from "../model/run-events.js";
import { formatMs } from "../support/deadline.js";
import { scenarioLabel } from "./labels.js";

interface Running {
  name: string;
  step: string;
  since: number;
  stepSince: number;
}

const STATUS_MARK = { passed: "✓", failed: "✗", "known-issue": "!", review: "◎", unverified: "?", skipped: "-", error: "E" } as const;

/** CI=true/1/yes (any value but empty, 0 or false) means a log, not a terminal, whatever isTTY says. */
const inCi = (): boolean => {
  const value = process.env.CI?.trim().toLowerCase();
  return value !== undefined && value !== "" && value !== "0" && value !== "false";
};

/**
 * A TTY gets a live view of running sandboxes (scenario, step, elapsed); anything else (CI logs) gets one
 * line per event, so nothing is redrawn into a log file. Scenarios run in parallel, so every step line names
 * its scenario ("[N1] ✓ …"): interleaved lines stay attributable.
 */
export class Progress {
  private readonly running = new Map<string, Running>();
  private readonly labels = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly logUpdate: ReturnType<typeof createLogUpdate>;

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly live = Boolean(stream.isTTY) && !inCi(),
  ) {
    this.logUpdate = createLogUpdate(stream);
  }

  private label(file: string): string {
    return this.labels.get(file) ?? scenarioLabel({ file: file.replace(/@[^@]*$/, "") });
  }

  readonly listener = (event: RunEvent): void => {
    const now = performance.now();
    switch (event.type) {
      case "log":
        this.print(`  ${event.message}`);
        break;
      case "scenario-start":
        this.labels.set(event.file, `${scenarioLabel(event)}${event.engine ? ` ${event.engine}` : ""}`);
        this.running.set(event.file, { name: event.name, step: "starting sandbox", since: now, stepSince: now });
        if (!this.live) this.print(`▶ ${event.name} (${event.file.replace(/@[^@]*$/, "")}${event.engine ? `, on ${event.engine}` : ""})`);
        break;
      case "sandbox-ready":
        if (!this.live)
          this.print(`  [${this.label(event.file)}] sandbox ready in ${formatMs(event.readyMs)}, images seeded in ${formatMs(event.seedMs)}`);
        break;
      case "step-start": {
        const entry = this.running.get(event.file);
        if (entry) Object.assign(entry, { step: `${event.index + 1}. ${event.name}`, stepSince: now });
        break;
      }
      case "step-end":
        if (!this.live || event.step.status === "failed") {
          const mark = STATUS_MARK[event.step.status];
          this.print(
            `  [${this.label(event.file)}] ${mark} ${event.step.name} (${formatMs(event.step.durationMs)})${event.step.error ? `\n      ${event.step.error.message.replaceAll("\n", "\n      ")}` : ""}`,
          );
        }
        break;
      case "scenario-end":
        this.running.delete(event.file);
        this.print(
          `${STATUS_MARK[event.report.status]} ${event.report.status.toUpperCase()} ${event.report.name} in ${formatMs(event.report.durationMs)}${event.report.error ? ` — ${event.report.error.message}` : ""}`,
        );
        break;
    }
    if (this.live && !this.stopped) this.render();
  };

  start(): this {
    this.stopped = false;
    if (this.live) this.timer = setInterval(() => this.render(), 250).unref();
    return this;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.running.clear();
    if (this.live && !this.stopped) {
      this.logUpdate.clear();
      this.logUpdate.done(); // shows the cursor again (rendering hid it)
    }
    this.stopped = true;
  }

  private print(line: string): void {
    if (this.live && !this.stopped) this.logUpdate.clear();
    this.stream.write(`${line}\n`);
  }

  private render(): void {
    const now = performance.now();
    const lines = [...this.running.values()].map(
      (entry) => `⏳ ${entry.name} · ${entry.step} · ${formatMs(now - entry.stepSince)} (total ${formatMs(now - entry.since)})`,
    );
    // Nothing running (images being prepared, say): no blank line left under the log.
    if (lines.length === 0) this.logUpdate.clear();
    else this.logUpdate(lines.join("\n"));
  }
}
