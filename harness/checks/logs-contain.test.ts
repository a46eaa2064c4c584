import { describe, expect, it } from "vitest";
import { FakeDocker } from "../docker/fake-docker.js";
import { StepError } from "../support/errors.js";
import { logsContainCheck } from "./logs-contain.js";
import { specOf } from "./test-support/check-spec.js";
import { fakeContext } from "./test-support/fake-context.js";

const check = (fake: FakeDocker, text: string) =>
  logsContainCheck.run(specOf(logsContainCheck, { check: "logs-contain", container: "api", text }), fakeContext({ docker: fake }));

const NODE_LOGS = ["> api@1.0.0 start", "> node server.js", "", "Connecting to mongodb://db:27017", "Server listening on port 3000", ""].join("\n");

describe("logs-contain", () => {
  it("passes on a stdout line holding the text, and keeps that line as evidence", async () => {
    const fake = new FakeDocker().on(["logs", "api"], { stdout: NODE_LOGS });
    const outcome = await check(fake, "listening on port 3000");
    expect(outcome).toEqual({
      passed: true,
      message: 'logs of "api" contain "listening on port 3000"',
      evidence: { container: "api", text: "listening on port 3000", line: "Server listening on port 3000" },
    });
    expect(fake.calls).toEqual([["logs", "api"]]);
  });

  it("searches stderr too (where node prints console.error and nginx its error log)", async () => {
    const fake = new FakeDocker().on(["logs", "api"], { stdout: NODE_LOGS, stderr: "MongoServerSelectionError: getaddrinfo ENOTFOUND db\n" });
    const outcome = await check(fake, "ENOTFOUND db");
    expect(outcome.passed, outcome.message).toBe(true);
    expect(outcome.evidence.line).toBe("MongoServerSelectionError: getaddrinfo ENOTFOUND db");
  });

  it("the twin: fails when no line holds the text, showing the last five lines", async () => {
    // Six lines in all: the first (npm's warning) is left out of the tail.
    const stdout = `npm warn config production Use \`--omit=dev\` instead.\n${NODE_LOGS}`;
    const fake = new FakeDocker().on(["logs", "api"], { stdout, stderr: "(node:1) Warning: something deprecated\n" });
    const outcome = await check(fake, "Connected to MongoDB");
    const tail = ["> node server.js", "Connecting to mongodb://db:27017", "Server listening on port 3000", "(node:1) Warning: something deprecated"];
    expect(outcome).toEqual({
      passed: false,
      message: `expected logs of "api" to contain "Connected to MongoDB"; last lines:\n${["> api@1.0.0 start", ...tail].join("\n")}`,
      evidence: { container: "api", text: "Connected to MongoDB", tail: ["> api@1.0.0 start", ...tail].join("\n") },
    });
    expect(fake.calls).toEqual([["logs", "api"]]);
  });

  it("fails (for eventually to retry) when docker logs does not answer in time", async () => {
    const fake = new FakeDocker().on(["logs", "api"], { timedOut: true });
    const outcome = await check(fake, "listening");
    expect(outcome).toEqual({
      passed: false,
      message: "expected docker logs api to answer within 2000 ms",
      evidence: { container: "api", text: "listening" },
    });
  });

  it("throws E_LOGS when docker logs itself fails (no such container): no verdict on the text", async () => {
    const fake = new FakeDocker().on(["logs", "api"], { exitCode: 1, stderr: "Error response from daemon: No such container: api\n" });
    const error = await check(fake, "listening").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StepError);
    expect(error).toMatchObject({
      code: "E_LOGS",
      message: "expected docker logs api to succeed, found exit 1: Error response from daemon: No such container: api",
    });
    expect(fake.calls).toEqual([["logs", "api"]]);
  });
});
