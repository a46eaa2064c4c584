import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { Progress } from "./progress.js";
import type { StepReport } from "../model/report-types.js";
import type { RunEvent } from "../model/run-events.js";

/** A stream that records what is written; a TTY of 80x24 when asked to be one. */
function fakeStream(tty: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  const chunks: string[] = [];
  const stream = new PassThrough() as unknown as NodeJS.WriteStream;
  Object.assign(stream, { isTTY: tty, columns: 80, rows: 24, write: (chunk: string) => (chunks.push(String(chunk)), true) });
  return { stream, text: () => chunks.join("") };
}

const step = (name: string, status: StepReport["status"], error: StepReport["error"] = null): StepReport => ({
  name,
  kind: "check",
  command: null,
  lessonLine: null,
  status,
  durationMs: 1200,
  evidence: {},
  error,
});
const scenarioEnd = (file: string, name: string, status: "passed" | "failed"): RunEvent => ({
  type: "scenario-end",
  file,
  report: {
    file,
    name,
    lesson: { file: "l.txt", section: "s", lines: null },
    status,
    durationMs: 2000,
    sandbox: null,
    images: [],
    steps: [],
    findings: [],
    error: null,
  },
});

// Two scenarios interleaved, as two sandboxes at once produce them.
const events: RunEvent[] = [
  { type: "log", message: "[images] ready" },
  { type: "scenario-start", file: "scenarios/networks/n1.yaml", name: "N1 default bridge" },
  { type: "scenario-start", file: "scenarios/other.yaml", name: "no id" },
  { type: "sandbox-ready", file: "scenarios/networks/n1.yaml", readyMs: 1600, seedMs: 4000 },
  { type: "step-start", file: "scenarios/networks/n1.yaml", index: 0, name: "alpha" },
  { type: "step-end", file: "scenarios/other.yaml", index: 0, step: step("first", "passed") },
  {
    type: "step-end",
    file: "scenarios/networks/n1.yaml",
    index: 0,
    step: step("alpha", "failed", { code: "E_EXPECTATION", message: "expected x\nfound y" }),
  },
  scenarioEnd("scenarios/networks/n1.yaml", "N1 default bridge", "failed"),
  scenarioEnd("scenarios/other.yaml", "no id", "passed"),
];

describe("Progress", () => {
  it("writes one line per event to a log, each step line naming its scenario", () => {
    const { stream, text } = fakeStream(false);
    const progress = new Progress(stream).start();
    for (const event of events) progress.listener(event);
    progress.stop();
    expect(text().split("\n")).toEqual([
      "  [images] ready",
      "▶ N1 default bridge (scenarios/networks/n1.yaml)",
      "▶ no id (scenarios/other.yaml)",
      "  [N1] sandbox ready in 1.6s, images seeded in 4s",
      "  [other] ✓ first (1.2s)",
      "  [N1] ✗ alpha (1.2s)",
      "      expected x",
      "      found y",
      "✗ FAILED N1 default bridge in 2s",
      "✓ PASSED no id in 2s",
      "",
    ]);
    expect(text()).not.toContain("\u001b[");
  });

  it("on a terminal draws the running scenarios live, prints failures and verdicts, and leaves nothing drawn behind", () => {
    const { stream, text } = fakeStream(true);
    const progress = new Progress(stream, true).start();
    for (const event of events.slice(0, 5)) progress.listener(event);
    expect(text()).toContain("⏳ N1 default bridge · 1. alpha");
    expect(text()).toContain("⏳ no id · starting sandbox");
    for (const event of events.slice(5)) progress.listener(event);
    progress.stop();
    const output = text();
    expect(output).toContain("  [N1] ✗ alpha (1.2s)\n      expected x\n      found y\n");
    expect(output).not.toContain("[other] ✓ first"); // passed steps are the live view's, not the scroll-back's
    expect(output).toContain("✗ FAILED N1 default bridge in 2s\n");
    // After the last verdict only erasing happens: the live lines are gone.
    const afterLast = output.slice(output.lastIndexOf("✓ PASSED no id in 2s\n") + "✓ PASSED no id in 2s\n".length);
    expect(afterLast).not.toContain("⏳");
    // Events after stop() are plain lines, never a redrawn view.
    progress.listener({ type: "log", message: "late" });
    expect(text().endsWith("  late\n")).toBe(true);
  });

  it("treats CI=false as not CI", () => {
    const saved = process.env.CI;
    try {
      process.env.CI = "false";
      expect((new Progress(fakeStream(true).stream) as unknown as { live: boolean }).live).toBe(true);
      process.env.CI = "true";
      expect((new Progress(fakeStream(true).stream) as unknown as { live: boolean }).live).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.CI;
      else process.env.CI = saved;
    }
  });
});
