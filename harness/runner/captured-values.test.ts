import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runScenario } from "./run-scenario.js";
import { FakeProvider, planFromSteps } from "./test-support/fake-sandbox.js";

const run = async (steps: string) => runScenario(await planFromSteps(steps), { sandboxes: new FakeProvider(), engine: "fake", probeRef: "probe" });
const markerPath = (tag: string) => `/tmp/dockproof-pwned-${tag}-${process.pid}-${Date.now()}`;

describe("`${x}` in an expectation is the captured value", () => {
  it("notContains: ${x} fails when stdout is exactly x, saying what it found", async () => {
    const report = await run(`
  - run: echo abc123
    capture: x
  - run: echo abc123
    expect: { stdout: { notContains: "\${x}" } }
`);
    expect(report.status).toBe("failed");
    expect(report.steps[1]?.status).toBe("failed");
    expect(report.steps[1]?.error?.message).toMatch(/abc123/);
    expect(report.steps[1]?.error?.message).not.toContain("${x}");
  });

  it("the twin: the same expectation passes when stdout lacks x (only the literal text ${x} would be absent either way)", async () => {
    const report = await run(`
  - run: echo abc123
    capture: x
  - run: echo something else
    expect: { stdout: { notContains: "\${x}" } }
`);
    expect(report.status, JSON.stringify(report.steps)).toBe("passed");
  });
});

describe("captured values reach a shell step as environment variables, never spliced into its text", () => {
  it.each([
    ["a command separator", (marker: string) => `x; touch ${marker}`],
    ["command substitution", (marker: string) => `$(touch ${marker})`],
    ["backticks", (marker: string) => `\`touch ${marker}\``],
    ["a closing quote", (marker: string) => `x" && touch ${marker} && echo "`],
    ["&& and a pipe", (marker: string) => `x && touch ${marker} | cat`],
  ])("%s in a captured value stays text, quoted or not", async (_, payload) => {
    const marker = markerPath("shell");
    const value = payload(marker);
    const report = await run(`
  - run: printf %s '${value.replaceAll("'", "'\\''")}'
    capture: evil
  - run: echo "\${evil}"
    shell: true
    expect: { stdout: { contains: "\${evil}" } }
  - run: echo \${evil} > out.txt; printenv evil
    shell: true
    expect: { stdout: { contains: "\${evil}" } }
`);
    expect(report.status, JSON.stringify(report.steps)).toBe("passed");
    expect(report.steps[0]?.evidence.captured).toEqual({ evil: value });
    expect(existsSync(marker)).toBe(false);
  });

  it("the twin: the same text written in the shell line itself does run (the marker check can see an injection)", async () => {
    const marker = markerPath("twin");
    const report = await run(`
  - run: echo x; touch ${marker}
    shell: true
`);
    expect(report.status, JSON.stringify(report.steps)).toBe("passed");
    expect(existsSync(marker)).toBe(true);
  });
});
