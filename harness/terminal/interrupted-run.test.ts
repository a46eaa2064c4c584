import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runInterrupted, terminalText } from "./interrupted-run.js";
import { LocalTerminal } from "./local-terminal.js";

const terminal = async () => new LocalTerminal(await mkdtemp(join(tmpdir(), "dockproof-interrupt-")));
/** Prints a line every 100 ms, like `docker logs -f` following a chatty container; ends only on SIGINT. */
const FOLLOW = { script: 'i=0; while true; do i=$((i+1)); echo "line $i"; [ $i = 5 ] && echo "Server listening"; sleep 0.1; done' };
const options = { timeoutMs: 5_000, withinMs: 3_000 };

describe("runInterrupted: Ctrl+C through the command's terminal", () => {
  it("presses Ctrl+C once the text appears; the command ends, and the output up to then is kept", async () => {
    const run = await runInterrupted(await terminal(), FOLLOW, { ...options, at: { when: "Server listening" } });
    expect(run.pressed).toBe("text");
    expect(run.endedBeforeInterrupt).toBe(false);
    expect(run.exit).not.toBeNull();
    expect(run.exit?.exitCode).toBe(130); // the shell's SIGINT, through `script`
    expect(run.outputBeforeInterrupt).toContain("line 5\nServer listening");
    expect(run.endedAfterMs).toBeLessThan(3_000);
  });

  it("presses it after a time the lesson names", async () => {
    const run = await runInterrupted(await terminal(), FOLLOW, { ...options, at: { afterMs: 400 } });
    expect(run.pressed).toBe("after");
    expect(run.pressedAtMs).toBeGreaterThanOrEqual(400);
    expect(run.outputBeforeInterrupt).toContain("line 2");
    expect(run.exit).not.toBeNull();
  });

  it("the twin: a text that never appears is pressed at the deadline, saying so, with what was seen", async () => {
    const run = await runInterrupted(await terminal(), FOLLOW, { ...options, timeoutMs: 500, at: { when: "never printed" } });
    expect(run.pressed).toBe("timeout");
    expect(run.outputBeforeInterrupt).toContain("line 1");
    expect(run.outputBeforeInterrupt).not.toContain("never printed");
  });

  it("the twin: a command that ends before Ctrl+C is said to have ended on its own", async () => {
    const run = await runInterrupted(await terminal(), { script: "echo bye; exit 3" }, { ...options, at: { afterMs: 2_000 } });
    expect(run).toMatchObject({ pressed: null, endedBeforeInterrupt: true, exit: { exitCode: 3 } });
    expect(run.output).toContain("bye");
  });

  it("the twin: a command that ignores SIGINT does not end, and is stopped", async () => {
    const run = await runInterrupted(
      await terminal(),
      { script: "trap '' INT; echo up; sleep 30" },
      { ...options, withinMs: 500, at: { when: "up" } },
    );
    expect(run.pressed).toBe("text");
    expect(run.exit).toBeNull();
    expect(run.endedAfterMs).toBeNull();
  });

  it("reads a terminal's output as text: colours, cursor moves and carriage returns removed", () => {
    expect(terminalText("\x1b[32m✔\x1b[0m Container web  \x1b[1AStarted\r\n")).toBe("✔ Container web  Started\n");
  });
});
