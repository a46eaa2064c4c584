import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { repoRoot } from "../support/paths.js";
import { SandboxError } from "../support/errors.js";
import { prepareSandbox } from "./prepared-sandbox.js";
import { runScenario } from "./run-scenario.js";
import { FakeProvider, planFromSteps } from "./test-support/fake-sandbox.js";

const run = (plan: Awaited<ReturnType<typeof planFromSteps>>, provider = new FakeProvider()) =>
  runScenario(plan, { sandboxes: provider, engine: "fake", probeRef: "probe" });

let server: Server | undefined;
afterEach(() => server?.close());

describe("runScenario with a fake sandbox (no Docker)", () => {
  it("passes a scenario whose steps hold, captures values, and runs commands in a fresh empty folder it removes", async () => {
    const provider = new FakeProvider();
    const plan = await planFromSteps(`
  - run: pwd
    capture: folder
  - run: echo "hello   world"
    capture: greeting
  - check: values-equal
    left: \${greeting}
    right: hello   world
  - run: echo \${greeting}
    expect: { stdout: { contains: "\${greeting}", matches: "^\${greeting}$" } }
`);
    const report = await run(plan, provider);
    expect(report.status, JSON.stringify(report.steps, null, 1)).toBe("passed");
    const folder = String((report.steps[0]?.evidence.captured as Record<string, string> | undefined)?.folder);
    expect(folder.startsWith(repoRoot)).toBe(false);
    expect(existsSync(folder)).toBe(false);
    expect(provider.requests).toEqual([{ scenario: plan.file, images: [], publishedPorts: [], workdir: folder }]);
    expect(provider.started[0]?.stops).toBe(1);
  });

  it("a check whose value from an edited claim line is gone is review and does not run; the steps after it run", async () => {
    const plan = await planFromSteps(`
  - check: values-equal
    left: a
    right: b
  - run: echo after
`);
    const gone = { ...(plan.steps[0] as (typeof plan.steps)[number]), unresolved: "the value it takes from line 3 is gone" };
    const report = await run({ ...plan, steps: [gone, ...plan.steps.slice(1)] });
    expect(report.steps.map((step) => [step.status, step.error?.code ?? null])).toEqual([
      ["review", "E_CLAIM_REVIEW"],
      ["passed", null],
      ["passed", null],
    ]);
    expect(report.steps[0]?.error?.message).toMatch(/^the value it takes from line 3 is gone\. Update the scenario/);
    expect(report.status).toBe("review");
    // It did not run: a values-equal of a and b would have failed.
    expect(report.steps[0]?.evidence).toEqual({ reason: "not run: its value from the lesson is gone" });
  });

  it("the twin: a run step left unrun for review made and captured nothing, so what follows is skipped, not failed", async () => {
    const plan = await planFromSteps(`
  - run: echo 10.0.0.7
    capture: ip
  - run: echo \${ip}
`);
    const gone = { ...(plan.steps[0] as (typeof plan.steps)[number]), unresolved: "the value it takes from line 3 is gone" };
    const report = await run({ ...plan, steps: [gone, ...plan.steps.slice(1)] });
    expect(report.steps.map((step) => step.status)).toEqual(["review", "skipped", "skipped"]);
    expect(report.steps[1]?.evidence).toEqual({ reason: "an earlier step is for review and did not run" });
    expect(report.status).toBe("review");
  });

  it("fails at the first failed expectation and skips every later step, saying why", async () => {
    const report = await run(
      await planFromSteps(`
  - run: sh -c "echo oops; exit 3"
  - run: echo never
`),
    );
    expect(report.status).toBe("failed");
    expect(report.steps[0]).toMatchObject({
      status: "failed",
      error: { code: "E_EXPECTATION", message: expect.stringContaining("expected exit code 0, found 3") },
    });
    expect(report.steps[1]).toMatchObject({ status: "skipped", evidence: { reason: "an earlier step failed" } });
  });

  it("expands `${x}` in expect: notContains of the captured text fails when the output is that text", async () => {
    const report = await run(
      await planFromSteps(`
  - run: echo secret-value
    capture: x
  - run: echo secret-value
    expect: { stdout: { notContains: "\${x}" } }
`),
    );
    expect(report.status).toBe("failed");
    expect(report.steps[1]?.error?.message).toContain('expected stdout not to contain "secret-value"');
  });

  it("a captured value in `matches` stands for itself, not for a pattern", async () => {
    const report = await run(
      await planFromSteps(`
  - run: echo a.c
    capture: dotted
  - run: echo abc
    expect: { stdout: { matches: "\${dotted}" } }
`),
    );
    expect(report.steps[1]?.error?.message).toContain("expected stdout to match /a\\.c/");
  });

  it("reports a foreground command that outlives its timeout as a hang naming the command and lesson line", async () => {
    const report = await run(
      await planFromSteps(`
  - run: sleep 5
    quotes: 4
    timeout: 300ms
`),
    );
    expect(report.steps[0]?.error).toMatchObject({
      code: "E_HANG",
      message: expect.stringContaining("`sleep 5` (fake.txt:4) did not return within 300ms"),
    });
  });

  it("keeps a background command running, and fails one that dies at once", async () => {
    const report = await run(
      await planFromSteps(`
  - run: sleep 30
    background: true
  - run: sh -c "exit 4"
    background: true
`),
    );
    expect(report.steps[0]).toMatchObject({ status: "passed", evidence: { runningAfterMs: 1000 } });
    expect(report.steps[1]?.error?.message).toContain("expected `sh -c 'exit 4'` to keep running (background: true), it exited at once with 4");
  });

  it("fails a background command that ends at once with 0 too: it showed nothing of what keeps running", async () => {
    const report = await run(
      await planFromSteps(`
  - run: echo done
    background: true
`),
    );
    expect(report.status).toBe("failed");
    expect(report.steps[0]?.error?.message).toBe(
      "expected `echo done` to keep running (background: true), it exited at once with 0: done; if it is meant to return, drop `background: true`",
    );
  });

  it("retries a check with eventually until it holds, recording the attempts", async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    setTimeout(() => {
      server = createServer((_, response) => response.end("up")).listen(port, "127.0.0.1");
    }, 700);
    const plan = await planFromSteps(`
  - check: reachable
    target: http://localhost:3000/
    response: { status: 200, body: { contains: up } }
    eventually: 10s
    timeout: 1s
`);
    const report = await run(plan, new FakeProvider([], new Map([[3000, port]])));
    expect(report.status, JSON.stringify(report.steps)).toBe("passed");
    expect(Number(report.steps[0]?.evidence.attempts)).toBeGreaterThan(1);
  });

  it("without eventually a check gets one attempt: the same unready server fails", async () => {
    const report = await run(
      await planFromSteps(`
  - check: reachable
    target: http://localhost:3000/
    timeout: 500ms
`),
      new FakeProvider([], new Map([[3000, 9]])),
    );
    expect(report.status).toBe("failed");
    expect(report.steps[0]?.evidence.attempts).toBeUndefined();
  });

  it("gives a sandbox that fails to start one more try, and keeps the failed start in the report", async () => {
    const provider = new FakeProvider([new SandboxError("E_SANDBOX_START", "dockerd exited before API listen")]);
    const report = await run(await planFromSteps("  - run: echo ok\n"), provider);
    expect(report.status).toBe("passed");
    expect(report.sandbox?.failedStarts).toEqual(["dockerd exited before API listen"]);
  });

  it("a sandbox that cannot start or be seeded is an error of this machine, retried once on a fresh sandbox", async () => {
    const never = new FakeProvider(["first", "second", "third", "fourth"].map((message) => new SandboxError("E_SANDBOX_START", message)));
    const report = await run(await planFromSteps("  - run: echo ok\n"), never);
    expect(report.status).toBe("error");
    expect(report.error).toEqual({ code: "E_SANDBOX_START", message: "fourth" });
    expect(report.attempts?.map((attempt) => attempt.status)).toEqual(["error", "error"]);
    expect(never.requests).toHaveLength(4);
    const seedOnce = new FakeProvider([new SandboxError("E_SEED", "load failed")]);
    const seeded = await run(await planFromSteps("  - run: echo ok\n"), seedOnce);
    expect(seeded.status).toBe("passed");
    expect(seeded.attempts).toEqual([
      { status: "error", error: { code: "E_SEED", message: "load failed" } },
      { status: "passed", error: null },
    ]);
  });

  it("a failing step on a sandbox whose daemon died is an error, then passes on a fresh sandbox; the first error is kept", async () => {
    const provider = new FakeProvider();
    let attempt = 0;
    const marker = `/tmp/dockproof-attempt-${process.pid}-${Date.now()}`;
    const plan = await planFromSteps(`  - run: sh -c "test -e ${marker} || { touch ${marker}; exit 1; }"\n`);
    const original = provider.start.bind(provider);
    provider.start = async (request) => {
      const sandbox = await original(request);
      attempt += 1;
      if (attempt === 1) provider.started[0]!.healthNow = { alive: false, reason: "the sandbox's daemon stopped (container exited, exit code 137)" };
      return sandbox;
    };
    const report = await run(plan, provider);
    expect(report.status).toBe("passed");
    expect(report.attempts?.[0]).toEqual({
      status: "error",
      error: { code: "E_SANDBOX_LOST", message: "the sandbox's daemon stopped (container exited, exit code 137)" },
    });
  });

  it("the same failing step on a healthy sandbox is the lesson's failure: no retry (its twin)", async () => {
    const provider = new FakeProvider();
    const report = await run(await planFromSteps('  - run: sh -c "exit 1"\n'), provider);
    expect(report.status).toBe("failed");
    expect(report.attempts).toBeUndefined();
    expect(provider.requests).toHaveLength(1);
  });

  it("a full disk is an error, not a lesson failure", async () => {
    const report = await run(
      await planFromSteps('  - run: sh -c "echo write /var/lib/docker/tmp/x no space left on device >&2; exit 1"\n'),
      new FakeProvider(),
    );
    expect(report.status, JSON.stringify(report.steps)).toBe("error");
    expect(report.error?.code).toBe("E_DISK_FULL");
  });

  it("skips the steps left when the scenario's own deadline has passed", async () => {
    const report = await run(await planFromSteps("  - run: sleep 1.2\n  - run: echo late\n", "timeout: 1s\n"));
    expect(report.steps[0]?.status).toBe("passed");
    expect(report.steps[1]).toMatchObject({ status: "skipped", evidence: { reason: "the scenario's 1000 ms deadline passed" } });
  });

  it("turns the failure a known issue names into a known issue, a failure elsewhere into a failure, and reports one that passes", async () => {
    const issue = 'knownIssue: { line: 3, reason: "the lesson is wrong here", expect: { step: "the bug", message: "exit code 0, found 1" } }\n';
    const failing = await run(await planFromSteps('  - name: the bug\n    run: sh -c "exit 1"\n', issue));
    expect(failing.status).toBe("known-issue");
    expect(failing.findings[0]).toMatchObject({
      kind: "known-issue",
      text: expect.stringContaining("observed: expected exit code 0, found 1"),
      explanation: "the lesson is wrong here",
      lessonLine: 3,
    });
    const elsewhere = await run(await planFromSteps('  - name: another step\n    run: sh -c "exit 1"\n', issue));
    expect(elsewhere.status).toBe("failed");
    expect(elsewhere.findings[0]).toMatchObject({
      kind: "known-issue-mismatch",
      text: expect.stringContaining('expected the known issue at line 3 (step "the bug"'),
    });
    const passing = await run(await planFromSteps("  - name: the bug\n    run: echo fine\n", issue));
    expect(passing.status).toBe("passed");
    expect(passing.findings[0]?.kind).toBe("known-issue-not-reproduced");
  });

  it("runs a shell line in the working folder: redirections, &&, and captured values as environment variables", async () => {
    const report = await run(
      await planFromSteps(`
  - run: echo learner
    capture: who
  - run: echo "hello from \${who}" > page.txt && cat page.txt
    shell: true
    expect: { stdout: { contains: hello from learner } }
`),
    );
    expect(report.status, JSON.stringify(report.steps)).toBe("passed");
  });

  it("a captured value with shell syntax in it stays text in a shell line (no injection)", async () => {
    const marker = `/tmp/dockproof-pwned-${process.pid}-${Date.now()}`;
    const report = await run(
      await planFromSteps(`
  - run: echo "x; touch ${marker}"
    capture: evil
  - run: echo "\${evil}"
    shell: true
    expect: { stdout: { contains: "x; touch ${marker}" } }
`),
    );
    expect(report.status, JSON.stringify(report.steps)).toBe("passed");
    expect(existsSync(marker)).toBe(false);
  });

  it("gives a step its input, and fails a command that asked a question and read no answer", async () => {
    const answered = await run(
      await planFromSteps(`
  - run: sh -c 'read answer; echo got $answer'
    input: "yes\\n"
    expect: { stdout: { contains: got yes } }
`),
    );
    expect(answered.status, JSON.stringify(answered.steps)).toBe("passed");
    const unanswered = await run(
      await planFromSteps(`
  - run: sh -c 'printf "Are you sure you want to continue? [y/N] "; read answer || exit 0'
`),
    );
    expect(unanswered.status).toBe("failed");
    expect(unanswered.steps[0]?.error?.message).toBe(
      '`sh -c \'printf "Are you sure you want to continue? [y/N] "; read answer || exit 0\'` asked "Are you sure you want to continue? [y/N]" and got no answer; give `input:` (what the learner types)',
    );
  });

  it("runs a step under a pseudo-terminal with tty: true, and without one otherwise", async () => {
    const report = await run(
      await planFromSteps(`
  - run: tty
    tty: true
    expect: { stdout: { matches: "^/dev/pts/" } }
  - run: tty
    expect: { exitCode: 1, stdout: { contains: not a tty } }
`),
    );
    expect(report.status, JSON.stringify(report.steps)).toBe("passed");
  });
});

describe("runScenario with a sandbox started ahead (prestart)", () => {
  it("runs on the prestarted sandbox, says it waited less than the start took, and removes it and its folder", async () => {
    const provider = new FakeProvider();
    const plan = await planFromSteps("  - run: pwd\n    capture: folder\n");
    const prestarted = prepareSandbox(plan, { sandboxes: provider, engine: "fake", probeRef: "probe" }, () => {});
    await prestarted;
    const report = await runScenario(plan, { sandboxes: provider, engine: "fake", probeRef: "probe" }, prestarted);
    expect(report.status).toBe("passed");
    expect(provider.requests).toHaveLength(1);
    expect(report.sandbox).toMatchObject({ prestarted: true });
    const folder = String((report.steps[0]?.evidence.captured as Record<string, string> | undefined)?.folder);
    expect(provider.requests[0]?.workdir).toBe(folder);
    expect(existsSync(folder)).toBe(false);
    expect(provider.started[0]?.stops).toBe(1);
  });

  it("a prestart that failed is the first attempt's error; the retry starts a fresh sandbox of its own", async () => {
    const provider = new FakeProvider(["first", "second"].map((message) => new SandboxError("E_SANDBOX_START", message)));
    const plan = await planFromSteps("  - run: echo ok\n");
    const environment = { sandboxes: provider, engine: "fake", probeRef: "probe" };
    const report = await runScenario(
      plan,
      environment,
      prepareSandbox(plan, environment, () => {}),
    );
    expect(report.status).toBe("passed");
    expect(report.attempts).toEqual([
      { status: "error", error: { code: "E_SANDBOX_START", message: "second" } },
      { status: "passed", error: null },
    ]);
    expect(report.sandbox).toMatchObject({ prestarted: false });
    expect(provider.requests).toHaveLength(3);
  });
});
