import { describe, expect, it } from "vitest";
import { PortNotPublishedError } from "../checks/unpublished-port.js";
import { DockerError } from "../docker/docker-error.js";
import type { FakeAnswer } from "../docker/fake-docker.js";
import type { SandboxHealth } from "../sandbox/sandbox.js";
import { StepError } from "../support/errors.js";
import { runScenario } from "./run-scenario.js";
import { type FakeSandbox, FakeProvider, planFromSteps } from "./test-support/fake-sandbox.js";

// The one rule for blame (README, "Who is to blame"), on a fake sandbox: what the sandbox's daemon answers about the
// lesson's own objects is the lesson's (failed, exit 1), the machine's tools and a bug of dockproof's own are errors
// (exit 3). Each row is one check step whose `docker logs web` gets the scripted answer.

type Answer = FakeAnswer | (() => never);

interface Row {
  answer: Answer;
  status: "failed" | "error" | "skipped";
  code: string;
  health?: SandboxHealth;
}

const LOGS_STEP = "  - check: logs-contain\n    container: web\n    text: ready\n";

function provider(answer: Answer, health?: SandboxHealth, setUp: (sandbox: FakeSandbox) => void = () => {}): FakeProvider {
  const fake = new FakeProvider();
  const start = fake.start.bind(fake);
  fake.start = async (request) => {
    const sandbox = (await start(request)) as FakeSandbox;
    sandbox.docker.on(["logs", "web"], typeof answer === "function" ? () => answer() : answer);
    if (health) sandbox.healthNow = health;
    setUp(sandbox);
    return sandbox;
  };
  return fake;
}

const run = async (steps: string, sandboxes: FakeProvider) =>
  runScenario(await planFromSteps(steps), { sandboxes, engine: "fake", probeRef: "probe" });

const ROWS: Record<string, Row> = {
  "docker says there is no such container (exit 1)": {
    answer: { exitCode: 1, stderr: "Error response from daemon: No such container: web" },
    status: "failed",
    code: "E_LOGS",
  },
  "the door throws docker's own failure (E_DOCKER_FAILED)": {
    answer: () => {
      throw new DockerError("exit", "docker logs web failed: exit code 1: No such container: web");
    },
    status: "failed",
    code: "E_DOCKER_FAILED",
  },
  "docker does not answer in time on a sandbox that still answers _ping": {
    answer: () => {
      throw new DockerError("timeout", "Timed out waiting for docker logs web");
    },
    status: "failed",
    code: "E_DOCKER_TIMEOUT",
  },
  "the docker CLI is missing on this machine": { answer: { missing: true }, status: "error", code: "E_DOCKER_MISSING" },
  "the learner's terminal could not be started": {
    answer: () => {
      throw new StepError("E_SPAWN", "could not start `docker logs web`: EACCES");
    },
    status: "error",
    code: "E_SPAWN",
  },
  "the same lesson-blamed answer, on a sandbox whose daemon died": {
    answer: { exitCode: 1, stderr: "Cannot connect to the Docker daemon" },
    status: "error",
    code: "E_SANDBOX_LOST",
    health: { alive: false, reason: "the sandbox's daemon stopped (container exited, exit code 137)" },
  },
  "the same answer, with the outer engine gone": {
    answer: { exitCode: 1, stderr: "Cannot connect to the Docker daemon" },
    status: "error",
    code: "E_ENGINE_UNAVAILABLE",
    health: { alive: false, reason: "the outer engine does not answer: connect ENOENT", code: "E_ENGINE_UNAVAILABLE" },
  },
  "a download out of reach (a limitation of this machine)": {
    answer: () => {
      throw new StepError("E_ENVIRONMENT", "registry.npmjs.org cannot be reached from here");
    },
    status: "skipped",
    code: "E_ENVIRONMENT",
  },
};

describe("blame: one rule, decided by the error's declared blame and the sandbox's health", () => {
  it.each(Object.entries(ROWS))("%s", async (_name, row) => {
    const report = await run(LOGS_STEP, provider(row.answer, row.health));
    expect(report.status, JSON.stringify(report, null, 1)).toBe(row.status);
    if (row.status === "error") expect(report.error?.code).toBe(row.code);
    else expect(report.steps[0]?.error?.code).toBe(row.code);
    // Only a machine fault is retried on a fresh sandbox: a lesson failure is the verdict.
    expect(report.attempts?.length).toBe(row.status === "error" ? 2 : undefined);
  });

  it("an exception thrown from dockproof's own code in a check is a bug: an error, with its stack in the report", async () => {
    const bug = () => {
      throw new TypeError("Cannot read properties of undefined (reading 'trim')");
    };
    const report = await run(LOGS_STEP, provider(bug));
    expect(report.status).toBe("error");
    expect(report.error).toMatchObject({
      code: "E_INTERNAL",
      message: expect.stringContaining(
        "was stopped by dockproof's own code (a bug): TypeError: Cannot read properties of undefined (reading 'trim')",
      ),
      stack: expect.stringMatching(/^TypeError: Cannot read properties of undefined \(reading 'trim'\)\n\s+at /),
    });
    expect(report.steps[0]?.error?.stack).toBe(report.error?.stack);
  });

  it("a port the lesson never published: `reachable` fails saying so, `unreachable` holds (its twin)", async () => {
    const unpublished = (sandbox: FakeSandbox) => {
      sandbox.localAddress = (port) => {
        throw new PortNotPublishedError(port, []);
      };
    };
    const reachable = await run("  - check: reachable\n    target: http://localhost:8080/\n", provider({}, undefined, unpublished));
    expect(reachable.status).toBe("failed");
    expect(reachable.steps[0]?.error).toEqual({
      code: "E_NOT_PUBLISHED",
      message: "expected localhost:8080 to be published by the lesson's commands; found published: none",
    });
    const unreachable = await run("  - check: unreachable\n    target: tcp://localhost:8080\n", provider({}, undefined, unpublished));
    expect(unreachable.status, JSON.stringify(unreachable.steps)).toBe("passed");
    expect(unreachable.steps[0]?.evidence).toMatchObject({ reachable: false, detail: expect.stringContaining("found published: none") });
  });
});
