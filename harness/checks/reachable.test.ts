import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckContext } from "./check-context.js";
import { statusFromWgetHeaders } from "./reach-probe.js";
import { reachableCheck } from "./reachable.js";
import { specOf } from "./test-support/check-spec.js";
import { fakeContext } from "./test-support/fake-context.js";

// The scenario's `localhost:3000` is mapped to a real local server, as the sandbox maps it to a published port.
let server: Server;
let context: CheckContext;
beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === "/health") return void response.end('{"ok":true}');
    if (request.url === "/moved") return void response.writeHead(302, { location: "/health" }).end();
    response.writeHead(503).end("database not ready");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  context = fakeContext({ ports: { 3000: port } });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The check as a scenario step would give it (from the harness, no `from`). */
const checkReachable = (
  context: CheckContext,
  target: string,
  _from: undefined,
  reachable: boolean,
  response?: { status?: number; body?: Record<string, string> },
) =>
  reachableCheck.run(
    specOf(
      reachableCheck,
      reachable ? { check: "reachable", target, timeout: "2s", ...(response ? { response } : {}) } : { check: "unreachable", target, timeout: "2s" },
    ),
    context,
  );

describe("checkReachable from the harness with a response expectation", () => {
  it("passes on the expected status and body, and records both as evidence", async () => {
    const outcome = await checkReachable(context, "http://localhost:3000/health", undefined, true, { status: 200, body: { contains: '"ok":true' } });
    expect(outcome.passed, outcome.message).toBe(true);
    expect(outcome.evidence).toMatchObject({ reachable: true, status: 200, body: '{"ok":true}' });
  });

  it("without `response`, any HTTP answer counts as reachable (a 503 too)", async () => {
    const outcome = await checkReachable(context, "http://localhost:3000/not-ready", undefined, true);
    expect(outcome.passed).toBe(true);
    expect(outcome.evidence).toMatchObject({ status: 503 });
  });

  it("fails on another status, saying what it expected and received", async () => {
    const outcome = await checkReachable(context, "http://localhost:3000/not-ready", undefined, true, { status: 200 });
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toBe("expected HTTP 200, received HTTP 503 (http://localhost:3000/not-ready from the harness (scenario localhost))");
  });

  it("fails on a body that lacks the text, showing the body it saw", async () => {
    const outcome = await checkReachable(context, "http://localhost:3000/health", undefined, true, {
      body: { contains: '"match":true', notContains: "ok" },
    });
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toContain('expected response body to contain "\\"match\\":true", found "{\\"ok\\":true}"');
    expect(outcome.message).toContain('expected response body not to contain "ok"');
  });

  it("follows redirects, like a browser and busybox wget", async () => {
    const outcome = await checkReachable(context, "http://localhost:3000/moved", undefined, true, { status: 200 });
    expect(outcome.passed, outcome.message).toBe(true);
  });

  it("a closed port is unreachable, and a response expectation does not turn that into a pass", async () => {
    const closed = fakeContext({ ports: { 3000: 1 } });
    const outcome = await checkReachable(closed, "http://localhost:3000/health", undefined, true, { status: 200 });
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toMatch(
      /^expected http:\/\/localhost:3000\/health to be reachable from the harness \(scenario localhost\); found .* is unreachable/,
    );
  });
});

describe("statusFromWgetHeaders (busybox wget -S, as measured in dockproof/probe)", () => {
  it("reads the status line of a 200 and of a 404", () => {
    expect(statusFromWgetHeaders("Connecting to 127.0.0.1:8080 (127.0.0.1:8080)\n  HTTP/1.1 200 OK\n  Date: x\n  \nwriting to stdout\n")).toBe(200);
    expect(
      statusFromWgetHeaders(
        "Connecting to 127.0.0.1:8080 (127.0.0.1:8080)\n  HTTP/1.1 404 Not Found\nwget: server returned error: HTTP/1.1 404 Not Found\n",
      ),
    ).toBe(404);
  });

  it("takes the last hop of a redirect, and nothing from a refused connection", () => {
    expect(statusFromWgetHeaders("  HTTP/1.1 302 Found\n  Location: /health\n  HTTP/1.1 200 OK\n")).toBe(200);
    expect(
      statusFromWgetHeaders("Connecting to 127.0.0.1:9 (127.0.0.1:9)\nwget: can't connect to remote host (127.0.0.1): Connection refused\n"),
    ).toBeUndefined();
  });
});
