import { describe, expect, it } from "vitest";
import { runScenario } from "./run-scenario.js";
import { FakeProvider, planFromSteps } from "./test-support/fake-sandbox.js";

const run = async (steps: string) => runScenario(await planFromSteps(steps), { sandboxes: new FakeProvider(), engine: "fake", probeRef: "probe" });
/** Like `docker logs -f` of a container that starts, says it listens, and keeps logging: it ends only on Ctrl+C. */
const FOLLOW = `sh -c 'echo starting; sleep 0.3; echo "Server listening on 3000"; while true; do sleep 0.1; done'`;

describe("a run step with interrupt: the learner's Ctrl+C", () => {
  it("passes when the text appears and the command ends on Ctrl+C; the output up to then is the evidence", async () => {
    const report = await run(`
  - run: ${JSON.stringify(FOLLOW)}
    interrupt: { when: "Server listening" }
    expect: { stdout: { contains: "starting" } }
`);
    expect(report.status, JSON.stringify(report.steps, null, 1)).toBe("passed");
    const step = report.steps[0];
    expect(step?.evidence).toMatchObject({ interrupt: 'once its output showed "Server listening"', pressed: "text", exitCode: 130 });
    expect(String(step?.evidence.stdout)).toContain("starting\nServer listening on 3000");
  });

  it("the twin: a container that never prints the text fails at the deadline with the output seen", async () => {
    const report = await run(`
  - run: "sh -c 'echo starting; while true; do sleep 0.1; done'"
    interrupt: { when: "Server listening" }
    timeout: 2s
`);
    expect(report.status).toBe("failed");
    expect(report.steps[0]?.error?.message).toMatch(
      /to show "Server listening" within 2 ?s, then Ctrl\+C; it never did\. The output seen:\nstarting/,
    );
    expect(report.steps[0]?.evidence).toMatchObject({ pressed: "timeout" });
  });

  it("the twin: a command that ends on its own before Ctrl+C was to keep running", async () => {
    const report = await run(`
  - run: "sh -c 'echo done'"
    interrupt: { after: 2s }
`);
    expect(report.status).toBe("failed");
    expect(report.steps[0]?.error?.message).toMatch(/to keep running until Ctrl\+C \(after 2 ?s\); it ended on its own \(exit 0\)/);
  });

  it("judges the exit code only when the step gives one", async () => {
    const report = await run(`
  - run: ${JSON.stringify(FOLLOW)}
    interrupt: { after: 500ms }
    expect: { exitCode: 0 }
`);
    expect(report.steps[0]?.error?.message).toBe("expected exit code 0 after Ctrl+C, found 130");
  });
});

describe("the output an interrupted step shows", () => {
  it("keeps how a long output began and how it ended", async () => {
    const report = await run(`
  - run: "sh -c 'echo first line; i=0; while [ $i -lt 400 ]; do echo \\"retry $i\\"; i=$((i+1)); done; while true; do sleep 0.1; done'"
    interrupt: { when: "never" }
    timeout: 2s
`);
    const message = report.steps[0]?.error?.message ?? "";
    expect(message).toMatch(/The output seen:\nfirst line\nretry 0\n[\s\S]*…\n[\s\S]*retry 399$/);
    expect(String(report.steps[0]?.evidence.stdout)).toMatch(/^first line\n[\s\S]*…\n[\s\S]*retry 399\n$/);
  });
});
