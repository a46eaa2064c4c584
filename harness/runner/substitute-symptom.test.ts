import { describe, expect, it } from "vitest";
import type { SandboxRequest } from "../sandbox/sandbox-provider.js";
import { runScenario } from "./run-scenario.js";
import { FakeProvider, type FakeSandbox, planFromSteps } from "./test-support/fake-sandbox.js";

const APK_FAILS = `
  - run: >-
      sh -c "echo '/bin/sh: 1: apk: not found' >&2; exit 127"
  - run: echo after
`;
const label = (ref: string) => ["image", "inspect", "--format", '{{index .Config.Labels "org.dockproof.substitute-for"}}', ref];

/** Sandboxes whose daemon says what label its node:20-alpine carries. */
class LabelledProvider extends FakeProvider {
  constructor(private readonly substituteFor: string) {
    super();
  }

  override async start(request: SandboxRequest) {
    const sandbox = (await super.start(request)) as FakeSandbox;
    sandbox.docker.on(label("node:20-alpine"), { stdout: `${this.substituteFor}\n` });
    return sandbox;
  }
}

describe("a command that fails where a stand-in lacks what the real image has", () => {
  it("apk on the Debian under node:20-alpine: unverified with the catalog's sentence, and the rest is not run", async () => {
    // The sandbox's node:20-alpine is the stand-in (its label says so).
    const plan = await planFromSteps(APK_FAILS, "", { images: ["node:20-alpine"] });
    const report = await runScenario(plan, { sandboxes: new LabelledProvider("node:20-alpine"), engine: "fake", probeRef: "probe" });
    expect(report.status).toBe("unverified");
    expect(report.steps[0]).toMatchObject({
      status: "unverified",
      error: { code: "E_SUBSTITUTE_GAP", message: expect.stringMatching(/stand-in for node:20-alpine: No apk: /) },
    });
    expect(report.steps[0]?.evidence.seen).toBe("apk: not found");
    expect(report.steps[1]).toMatchObject({ status: "skipped", evidence: { reason: "an earlier step could not run here" } });
  });

  it("the twin: the real node:20-alpine (no stand-in label) makes the same failure the lesson's", async () => {
    const plan = await planFromSteps(APK_FAILS, "", { images: ["node:20-alpine"] });
    const report = await runScenario(plan, { sandboxes: new LabelledProvider(""), engine: "fake", probeRef: "probe" });
    expect(report.status).toBe("failed");
    expect(report.steps[0]?.error?.code).toBe("E_EXPECTATION");
  });

  it("the twin: without an Alpine tag among the images, an apk failure is the lesson's", async () => {
    const report = await runScenario(await planFromSteps(APK_FAILS, "", { images: ["node:20"] }), {
      sandboxes: new FakeProvider(),
      engine: "fake",
      probeRef: "probe",
    });
    expect(report.status).toBe("failed");
  });
});
