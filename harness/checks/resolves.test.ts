import { describe, expect, it } from "vitest";
import { FakeDocker } from "../docker/fake-docker.js";
import { StepError } from "../support/errors.js";
import { ContainerNotRunningError } from "./container-state.js";
import { resolvesCheck } from "./resolves.js";
import { specOf } from "./test-support/check-spec.js";
import { inspectState, scriptState } from "./test-support/container-script.js";
import { fakeContext } from "./test-support/fake-context.js";

const getent = (from: string, name: string) => ["exec", from, "getent", "hosts", name];
const sidecar = (from: string, name: string) => ["run", "--rm", "--network", `container:${from}`, "dockproof/probe", "getent", "hosts", name];
// What `docker exec` prints when the image has no getent (alpine's musl has none, distroless has no shell tools).
const NO_GETENT =
  'OCI runtime exec failed: exec failed: unable to start container process: exec: "getent": executable file not found in $PATH: unknown\n';

const check = (kind: "resolves" | "does-not-resolve", fake: FakeDocker, hostname = "beta") =>
  resolvesCheck.run(specOf(resolvesCheck, { check: kind, from: "alpha", hostname }), fakeContext({ docker: fake }));

const running = () => scriptState(new FakeDocker(), "alpha", { status: "running" });

describe("resolves / does-not-resolve through getent in the container", () => {
  it("resolves passes on the address getent prints, and names every address and how it asked", async () => {
    const fake = running().on(getent("alpha", "beta"), { stdout: "172.18.0.3      beta\n" });
    const outcome = await check("resolves", fake);
    expect(outcome).toEqual({
      passed: true,
      message: '"beta" resolves to 172.18.0.3 from "alpha"',
      evidence: { from: "alpha", name: "beta", resolved: true, addresses: ["172.18.0.3"], via: "docker exec alpha getent hosts beta" },
    });
    expect(fake.calls).toEqual([inspectState("alpha"), getent("alpha", "beta")]);
  });

  it("a network alias answered by two containers gives both addresses", async () => {
    const fake = running().on(getent("alpha", "web"), { stdout: "172.18.0.4      web\n172.18.0.5      web\n" });
    const outcome = await check("resolves", fake, "web");
    expect(outcome.passed).toBe(true);
    expect(outcome.evidence.addresses).toEqual(["172.18.0.4", "172.18.0.5"]);
    expect(outcome.message).toBe('"web" resolves to 172.18.0.4, 172.18.0.5 from "alpha"');
  });

  it("the twin: resolves fails when getent answers 2 (not found)", async () => {
    const fake = running().on(getent("alpha", "beta"), { exitCode: 2 });
    const outcome = await check("resolves", fake);
    expect(outcome).toEqual({
      passed: false,
      message: 'expected "beta" to resolve from "alpha"; found "beta" does not resolve from "alpha"',
      evidence: { from: "alpha", name: "beta", resolved: false, addresses: [], via: "docker exec alpha getent hosts beta" },
    });
    expect(fake.calls).toEqual([inspectState("alpha"), getent("alpha", "beta")]);
  });

  it("does-not-resolve passes on getent's 2", async () => {
    const fake = running().on(getent("alpha", "beta"), { exitCode: 2 });
    const outcome = await check("does-not-resolve", fake);
    expect(outcome.passed).toBe(true);
    expect(outcome.message).toBe('"beta" does not resolve from "alpha"');
    expect(outcome.evidence).toMatchObject({ resolved: false, addresses: [] });
  });

  it("the twin: does-not-resolve fails when the name has an address, and shows it", async () => {
    const fake = running().on(getent("alpha", "beta"), { stdout: "172.18.0.3      beta\n" });
    const outcome = await check("does-not-resolve", fake);
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toBe('expected "beta" not to resolve from "alpha"; found "beta" resolves to 172.18.0.3 from "alpha"');
    expect(outcome.evidence).toMatchObject({ resolved: true, addresses: ["172.18.0.3"] });
  });
});

describe("resolves from an image without getent: a probe side-car in its network namespace", () => {
  it("asks the side-car when docker exec finds no getent, and says so in the evidence", async () => {
    const fake = running()
      .on(getent("alpha", "beta"), { exitCode: 127, stderr: NO_GETENT })
      .on(sidecar("alpha", "beta"), { stdout: "172.18.0.3      beta\n" });
    const outcome = await check("resolves", fake);
    expect(outcome.passed, outcome.message).toBe(true);
    expect(outcome.evidence).toEqual({
      from: "alpha",
      name: "beta",
      resolved: true,
      addresses: ["172.18.0.3"],
      via: "probe side-car in alpha's network namespace",
    });
    expect(fake.calls).toEqual([inspectState("alpha"), getent("alpha", "beta"), sidecar("alpha", "beta")]);
  });

  it("the twin: the side-car's 2 is a failed resolves", async () => {
    const fake = running().on(getent("alpha", "beta"), { exitCode: 126, stderr: NO_GETENT }).on(sidecar("alpha", "beta"), { exitCode: 2 });
    const outcome = await check("resolves", fake);
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toBe('expected "beta" to resolve from "alpha"; found "beta" does not resolve from "alpha"');
    expect(outcome.evidence.via).toBe("probe side-car in alpha's network namespace");
  });
});

describe("resolves cannot answer", () => {
  it("throws ContainerNotRunningError for an exited container, with its last log lines, and asks nothing else", async () => {
    const fake = scriptState(new FakeDocker(), "alpha", { status: "exited", exitCode: 1 }).on(["logs", "--tail", "10", "alpha"], {
      stderr: "Error: Cannot find module '/app/server.js'\n",
    });
    const error = await check("resolves", fake).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ContainerNotRunningError);
    expect((error as Error).message).toBe(
      "expected container \"alpha\" to be running, found it exited (exit code 1); its last log lines:\nError: Cannot find module '/app/server.js'",
    );
    expect(fake.calls).toEqual([inspectState("alpha"), ["logs", "--tail", "10", "alpha"]]);
  });

  it("throws for a container that does not exist, without asking for its logs", async () => {
    const fake = scriptState(new FakeDocker(), "alpha", "missing");
    await expect(check("does-not-resolve", fake)).rejects.toThrow('expected container "alpha" to be running, found it missing (no such container)');
    expect(fake.calls).toEqual([inspectState("alpha")]);
  });

  it("throws E_LOOKUP when getent answers neither 0 nor 2 (a broken nsswitch), never a verdict", async () => {
    const fake = running().on(getent("alpha", "beta"), { exitCode: 1, stdout: "" });
    const error = await check("does-not-resolve", fake).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StepError);
    expect(error).toMatchObject({ code: "E_LOOKUP" });
    expect((error as Error).message).toBe('expected getent to answer 0 (found) or 2 (not found) for "beta" from "alpha", found exit 1: ');
  });
});
