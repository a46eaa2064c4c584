import { connect } from "node:net";
import type { Target } from "./target.js";
import { textFailures, type TextExpectation } from "./output-expectation.js";
import { harnessAddress, type CheckContext } from "./check-context.js";
import { assertRunning } from "./container-state.js";
import { runProbeSidecar } from "./probe-sidecar.js";

/** What an http:// target's answer must be (`response:` of a reachable check). */
export interface ResponseExpectation {
  status?: number | undefined;
  body?: TextExpectation | undefined;
}

export interface ReachAttempt {
  /** A TCP connection was accepted, or (http) any HTTP answer arrived, whatever its status. */
  reachable: boolean;
  detail: string;
  via: string;
  status?: number;
  /** The answer's body; `undefined` when the client could not show it (busybox wget drops bodies of non-2xx answers). */
  body?: string;
}

const BODY_KEPT = 2_000;

/** From the harness, the scenario's `localhost` is the sandbox's published port on the host loopback. */
export async function reachFromHarness(context: CheckContext, target: Target): Promise<ReachAttempt> {
  const address = harnessAddress(context, target.host, target.port);
  const via = `harness -> ${address.host}:${address.port}`;
  if (target.protocol === "http") {
    const url = `http://${address.host}:${address.port}${target.path}`;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(context.attemptTimeoutMs) });
      const body = (await response.text()).slice(0, BODY_KEPT);
      return { reachable: true, detail: `HTTP ${response.status} ${body.slice(0, 200)}`.trim(), via, status: response.status, body };
    } catch (error) {
      return { reachable: false, detail: String((error as Error).cause ?? error), via };
    }
  }
  return new Promise((resolve) => {
    const socket = connect({ host: address.host, port: address.port, timeout: context.attemptTimeoutMs });
    const done = (reachable: boolean, detail: string) => {
      socket.destroy();
      resolve({ reachable, detail, via });
    };
    socket.once("connect", () => done(true, "TCP connection accepted"));
    socket.once("timeout", () => done(false, `no answer within ${context.attemptTimeoutMs} ms`));
    socket.once("error", (error) => done(false, error.message));
  });
}

/** The last status line `wget -S` printed (the last one, because redirects print one per hop). */
export function statusFromWgetHeaders(stderr: string): number | undefined {
  const statuses = [...stderr.matchAll(/^\s*HTTP\/[\d.]+\s+(\d{3})\b/gm)].map((match) => Number(match[1]));
  return statuses.at(-1);
}

/** A probe side-car in the container's network namespace, so `localhost` there means that container. */
export async function reachFromContainer(context: CheckContext, from: string, target: Target): Promise<ReachAttempt> {
  await assertRunning(context.docker, from);
  const seconds = String(Math.max(1, Math.ceil(context.attemptTimeoutMs / 1000) - 1));
  const probe =
    target.protocol === "http"
      ? // Debian's busybox 1.35 wget segfaults (exit 139) with -T; coreutils timeout bounds it instead. -S prints the status line.
        ["timeout", seconds, "busybox", "wget", "-S", "-q", "-O", "-", `http://${target.host}:${target.port}${target.path}`]
      : // Host and port arrive as positional arguments, never as shell text, so a captured value cannot inject.
        ["timeout", seconds, "bash", "-c", 'exec 3<>"/dev/tcp/$1/$2"', "tcp-probe", target.host, String(target.port)];
  const result = await runProbeSidecar(context, from, probe, context.attemptTimeoutMs + 15_000);
  const via = `probe side-car in ${from}'s network namespace`;
  const output = result.lines
    .map((line) => line.text)
    .join("\n")
    .trim()
    .slice(0, 400);
  if (target.protocol === "tcp") {
    return { reachable: result.exitCode === 0, detail: result.exitCode === 0 ? "TCP connection accepted" : output || `exit ${result.exitCode}`, via };
  }
  const status = statusFromWgetHeaders(result.stderr);
  if (status === undefined) return { reachable: false, detail: output || `exit ${result.exitCode}`, via };
  const body = result.exitCode === 0 ? result.stdout.slice(0, BODY_KEPT) : undefined;
  return { reachable: true, detail: `HTTP ${status} ${body?.slice(0, 200) ?? ""}`.trim(), via, status, ...(body === undefined ? {} : { body }) };
}

export function responseFailures(attempt: ReachAttempt, expected: ResponseExpectation | undefined): string[] {
  if (!expected || !attempt.reachable) return [];
  const failures =
    expected.status !== undefined && attempt.status !== expected.status
      ? [`expected HTTP ${expected.status}, received HTTP ${attempt.status ?? "(none)"}`]
      : [];
  if (expected.body === undefined) return failures;
  if (attempt.body === undefined) {
    return [
      ...failures,
      `expected to check the response body, but the probe shows no body for HTTP ${attempt.status} (busybox wget drops bodies of non-2xx answers)`,
    ];
  }
  return [...failures, ...textFailures("response body", attempt.body, expected.body)];
}
