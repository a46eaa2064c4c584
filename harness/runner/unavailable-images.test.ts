import { describe, expect, it } from "vitest";
import { FakeDocker } from "../docker/fake-docker.js";
import { repoRoot } from "../support/paths.js";
import { runScenario } from "./run-scenario.js";
import { FakeProvider, planFromSteps } from "./test-support/fake-sandbox.js";
import { prepareAvailableImages } from "./unavailable-images.js";

describe("an image this machine cannot have", () => {
  it("offline, an image with no substitute is unavailable with the reason, and nothing is pulled or built for it", async () => {
    // The fake answers no call at all: a pull or build would fail this test.
    const docker = new FakeDocker();
    const { prepared, unavailable } = await prepareAvailableImages(["postgres:16"], { mode: "offline", repoRoot, docker, log: () => {} });
    expect(docker.calls).toEqual([]);
    expect(prepared).toEqual([]);
    expect([...unavailable.keys()]).toEqual(["postgres:16"]);
    expect(unavailable.get("postgres:16")).toMatch(
      /^No offline substitute for postgres:16: expected one of .*nginx.*redis.* \(images mode "offline"\)\.$/,
    );
  });

  it("skips a scenario that names it before any sandbox starts, saying which image and why", async () => {
    const plan = {
      ...(await planFromSteps("  - run: echo hello\n  - check: values-equal\n    left: a\n    right: a\n")),
      images: ["postgres:16"],
    };
    const provider = new FakeProvider();
    const why = 'No offline substitute for postgres:16: expected one of nginx, redis (images mode "offline").';
    const report = await runScenario(plan, {
      sandboxes: provider,
      engine: "fake",
      probeRef: "probe",
      unavailableImages: new Map([["postgres:16", why]]),
    });
    expect(report.status).toBe("skipped");
    expect(provider.requests).toEqual([]);
    expect(report.steps.map((step) => [step.name, step.status, step.evidence.reason])).toEqual([
      ["echo hello", "skipped", "skipped: postgres:16 cannot be had here"],
      ["a equals a", "skipped", "skipped: postgres:16 cannot be had here"],
      ["the lesson's own command, as written", "skipped", "skipped: postgres:16 cannot be had here"],
    ]);
    expect(report.findings).toEqual([
      expect.objectContaining({
        kind: "environment-limitation",
        text: `the image postgres:16 cannot be had here, so nothing of this scenario ran: ${why}`,
      }),
    ]);
    // The twin: the same plan when the image is available runs (and passes) on the sandbox.
    const available = await runScenario(plan, { sandboxes: provider, engine: "fake", probeRef: "probe", unavailableImages: new Map() });
    expect(available.status).toBe("passed");
    expect(provider.requests).toHaveLength(1);
  });
});
