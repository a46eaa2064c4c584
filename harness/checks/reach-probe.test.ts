import { createServer, type Server } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DockerCallOptions } from "../docker/docker.js";
import { FakeDocker } from "../docker/fake-docker.js";
import { ContainerNotRunningError } from "./container-state.js";
import { reachableCheck } from "./reachable.js";
import { specOf } from "./test-support/check-spec.js";
import { inspectState, scriptState } from "./test-support/container-script.js";
import { fakeContext } from "./test-support/fake-context.js";

// reachable.test.ts covers http:// from the harness; here: tcp:// from the harness, and both protocols from a container.

const step = (check: "reachable" | "unreachable", target: string, extra: Record<string, unknown> = {}) =>
  specOf(reachableCheck, { check, target, ...extra });

/** The side-car argv reach-probe.ts runs, with the default 2 s attempt: `timeout 1` leaves a second for docker itself. */
const probe = (from: string, ...argv: string[]) => ["run", "--rm", "--network", `container:${from}`, "dockproof/probe", "timeout", "1", ...argv];
const wget = (from: string, url: string) => probe(from, "busybox", "wget", "-S", "-q", "-O", "-", url);
const tcp = (from: string, host: string, port: number) => probe(from, "bash", "-c", 'exec 3<>"/dev/tcp/$1/$2"', "tcp-probe", host, String(port));

describe("tcp:// from the harness (the scenario's localhost is a published port)", () => {
  let server: Server;
  let open: number;
  let closed: number;
  beforeAll(async () => {
    server = createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    open = (server.address() as AddressInfo).port;
    // A port that was just free: nothing listens there now.
    const gone = createServer();
    await new Promise<void>((resolve) => gone.listen(0, "127.0.0.1", resolve));
    closed = (gone.address() as AddressInfo).port;
    await new Promise<void>((resolve) => gone.close(() => resolve()));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("reachable passes when the port accepts, and asks docker nothing", async () => {
    const context = fakeContext({ ports: { 5432: open } });
    const outcome = await reachableCheck.run(step("reachable", "tcp://localhost:5432"), context);
    expect(outcome).toEqual({
      passed: true,
      message: "tcp://localhost:5432 is reachable from the harness (scenario localhost) (TCP connection accepted)",
      evidence: {
        from: null,
        target: "tcp://localhost:5432",
        reachable: true,
        detail: "TCP connection accepted",
        via: `harness -> 127.0.0.1:${open}`,
      },
    });
    expect(context.docker.calls).toEqual([]);
  });

  it("the twin: unreachable fails on the same open port", async () => {
    const outcome = await reachableCheck.run(step("unreachable", "tcp://localhost:5432"), fakeContext({ ports: { 5432: open } }));
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toBe(
      "expected tcp://localhost:5432 to be unreachable from the harness (scenario localhost); found tcp://localhost:5432 is reachable from the harness (scenario localhost) (TCP connection accepted)",
    );
    expect(outcome.evidence.reachable).toBe(true);
  });

  it("unreachable passes on a closed port, with the refusal as detail", async () => {
    const outcome = await reachableCheck.run(step("unreachable", "tcp://localhost:5432"), fakeContext({ ports: { 5432: closed } }));
    expect(outcome.passed, outcome.message).toBe(true);
    expect(outcome.evidence).toEqual({
      from: null,
      target: "tcp://localhost:5432",
      reachable: false,
      detail: `connect ECONNREFUSED 127.0.0.1:${closed}`,
      via: `harness -> 127.0.0.1:${closed}`,
    });
  });

  it("the twin: reachable fails on the closed port", async () => {
    const outcome = await reachableCheck.run(step("reachable", "tcp://localhost:5432"), fakeContext({ ports: { 5432: closed } }));
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toBe(
      `expected tcp://localhost:5432 to be reachable from the harness (scenario localhost); found tcp://localhost:5432 is unreachable from the harness (scenario localhost) (connect ECONNREFUSED 127.0.0.1:${closed})`,
    );
  });
});

describe("http:// from a container (`from:`): busybox wget in a probe side-car", () => {
  const running = () => scriptState(new FakeDocker(), "web", { status: "running" });
  const url = "http://api:3000/health";

  it("passes on a 200 with the expected body, read from wget's -S headers on stderr and the body on stdout", async () => {
    let options: DockerCallOptions | undefined;
    const fake = running().on(wget("web", url), (_args, given) => {
      options = given;
      return {
        stdout: '{"ok":true}',
        stderr: "  HTTP/1.1 200 OK\n  Content-Type: application/json\n  Content-Length: 11\n  Connection: close\n  \n",
      };
    });
    const spec = step("reachable", url, { from: "web", response: { status: 200, body: { contains: '"ok":true' } } });
    const outcome = await reachableCheck.run(spec, fakeContext({ docker: fake }));
    expect(outcome).toEqual({
      passed: true,
      message: `${url} is reachable from "web" (HTTP 200 {"ok":true})`,
      evidence: {
        from: "web",
        target: url,
        reachable: true,
        detail: 'HTTP 200 {"ok":true}',
        via: "probe side-car in web's network namespace",
        status: 200,
        body: '{"ok":true}',
      },
    });
    expect(fake.calls).toEqual([inspectState("web"), wget("web", url)]);
    // docker run of the side-car gets the attempt plus room to start a container.
    expect(options?.timeoutMs).toBe(17_000);
  });

  it("the twin: a 404 is reachable but fails a status expectation, and its body cannot be checked", async () => {
    const fake = running().on(wget("web", url), {
      exitCode: 1,
      stderr: "  HTTP/1.1 404 Not Found\n  Content-Type: text/plain\n  \nwget: server returned error: HTTP/1.1 404 Not Found\n",
    });
    const spec = step("reachable", url, { from: "web", response: { status: 200, body: { contains: "ok" } } });
    const outcome = await reachableCheck.run(spec, fakeContext({ docker: fake }));
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toBe(
      `expected HTTP 200, received HTTP 404; expected to check the response body, but the probe shows no body for HTTP 404 (busybox wget drops bodies of non-2xx answers) (${url} from "web")`,
    );
    expect(outcome.evidence).toEqual({
      from: "web",
      target: url,
      reachable: true,
      detail: "HTTP 404",
      via: "probe side-car in web's network namespace",
      status: 404,
    });
  });

  it("unreachable passes on a refused connection, with wget's words as detail", async () => {
    const refused = "Connecting to api:3000 (172.18.0.4:3000)\nwget: can't connect to remote host (172.18.0.4): Connection refused";
    const fake = running().on(wget("web", url), { exitCode: 1, stderr: `${refused}\n` });
    const outcome = await reachableCheck.run(step("unreachable", url, { from: "web" }), fakeContext({ docker: fake }));
    expect(outcome).toEqual({
      passed: true,
      message: `${url} is unreachable from "web" (${refused})`,
      evidence: { from: "web", target: url, reachable: false, detail: refused, via: "probe side-car in web's network namespace" },
    });
    expect(fake.calls).toEqual([inspectState("web"), wget("web", url)]);
  });

  it("the twin: reachable fails when coreutils timeout kills a silent wget (exit 124)", async () => {
    const fake = running().on(wget("web", url), { exitCode: 124 });
    const outcome = await reachableCheck.run(step("reachable", url, { from: "web" }), fakeContext({ docker: fake }));
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toBe(`expected ${url} to be reachable from "web"; found ${url} is unreachable from "web" (exit 124)`);
    expect(outcome.evidence).toMatchObject({ reachable: false, detail: "exit 124" });
  });

  it("throws before any probe when `from` has exited: waiting cannot bring it back", async () => {
    const fake = scriptState(new FakeDocker(), "web", { status: "exited", exitCode: 137, oomKilled: true }).on(["logs", "--tail", "10", "web"], {
      stdout: "Killed\n",
    });
    const error = await reachableCheck.run(step("reachable", url, { from: "web" }), fakeContext({ docker: fake })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ContainerNotRunningError);
    expect((error as Error).message).toBe('expected container "web" to be running, found it exited (exit code 137); its last log lines:\nKilled');
    expect(fake.calls).toEqual([inspectState("web"), ["logs", "--tail", "10", "web"]]);
  });
});

describe("tcp:// from a container: bash's /dev/tcp in a probe side-car", () => {
  const running = () => scriptState(new FakeDocker(), "web", { status: "running" });

  it("reachable passes when bash opens the connection, host and port passed as arguments, never as shell text", async () => {
    const fake = running().on(tcp("web", "db", 5432), { exitCode: 0 });
    const outcome = await reachableCheck.run(step("reachable", "tcp://db:5432", { from: "web" }), fakeContext({ docker: fake }));
    expect(outcome).toEqual({
      passed: true,
      message: 'tcp://db:5432 is reachable from "web" (TCP connection accepted)',
      evidence: {
        from: "web",
        target: "tcp://db:5432",
        reachable: true,
        detail: "TCP connection accepted",
        via: "probe side-car in web's network namespace",
      },
    });
    expect(fake.calls).toEqual([inspectState("web"), tcp("web", "db", 5432)]);
  });

  it("the twin: unreachable fails when the connection opens", async () => {
    const fake = running().on(tcp("web", "db", 5432), { exitCode: 0 });
    const outcome = await reachableCheck.run(step("unreachable", "tcp://db:5432", { from: "web" }), fakeContext({ docker: fake }));
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toBe(
      'expected tcp://db:5432 to be unreachable from "web"; found tcp://db:5432 is reachable from "web" (TCP connection accepted)',
    );
    expect(outcome.evidence.reachable).toBe(true);
  });

  it("unreachable passes when bash cannot connect, with its error as detail; the twin reachable fails", async () => {
    const refused = "bash: connect: Connection refused\nbash: line 1: /dev/tcp/db/5432: Connection refused";
    const fake = running().on(tcp("web", "db", 5432), { exitCode: 1, stderr: `${refused}\n` });
    const unreachable = await reachableCheck.run(step("unreachable", "tcp://db:5432", { from: "web" }), fakeContext({ docker: fake }));
    expect(unreachable.passed, unreachable.message).toBe(true);
    expect(unreachable.evidence).toMatchObject({ reachable: false, detail: refused });
    const reachable = await reachableCheck.run(step("reachable", "tcp://db:5432", { from: "web" }), fakeContext({ docker: fake }));
    expect(reachable.passed).toBe(false);
    expect(reachable.message).toBe(`expected tcp://db:5432 to be reachable from "web"; found tcp://db:5432 is unreachable from "web" (${refused})`);
    expect(fake.calls).toEqual([inspectState("web"), tcp("web", "db", 5432), inspectState("web"), tcp("web", "db", 5432)]);
  });
});
