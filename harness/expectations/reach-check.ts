import { connect } from "node:net";
import { execa } from "execa";
import { assertRunning } from "./container-state.js";
import { textFailures, type TextExpectation } from "./output-expectation.js";
import { parseTarget, type Target } from "../scenario/target.js";
import { harnessAddress, type CheckContext, type CheckOutcome } from "./check-outcome.js";

/** What an http:// target's answer must be (`response:` of a reachable check). */
export interface ResponseExpectation {
  status?: number | undefined;
  body?: TextExpectation | undefined;
}

interface Attempt {
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
async function reachFromHarness(context: CheckContext, target: Target): Promise<Attempt> {
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
async function reachFromContainer(context: CheckContext, from: string, target: Target): Promise<Attempt> {
  await assertRunning(from, context.sandbox.cliEnv);
  const seconds = String(Math.max(1, Math.ceil(context.attemptTimeoutMs / 1000) - 1));
  const probe =
    target.protocol === "http"
      ? // Debian's busybox 1.35 wget segfaults (exit 139) with -T; coreutils timeout bounds it instead. -S prints the status line.
        ["timeout", seconds, "busybox", "wget", "-S", "-q", "-O", "-", `http://${target.host}:${target.port}${target.path}`]
      : // Host and port arrive as positional arguments, never as shell text, so a captured value cannot inject.
        ["timeout", seconds, "bash", "-c", 'exec 3<>"/dev/tcp/$1/$2"', "tcp-probe", target.host, String(target.port)];
  const result = await execa("docker", ["run", "--rm", "--network", `container:${from}`, context.probeImage, ...probe], {
    env: context.sandbox.cliEnv,
    reject: false,
    timeout: context.attemptTimeoutMs + 15_000,
    all: true,
  });
  const via = `probe side-car in ${from}'s network namespace`;
  const output = String(result.all ?? "")
    .trim()
    .slice(0, 400);
  if (target.protocol === "tcp") {
    return { reachable: result.exitCode === 0, detail: result.exitCode === 0 ? "TCP connection accepted" : output || `exit ${result.exitCode}`, via };
  }
  const status = statusFromWgetHeaders(String(result.stderr ?? ""));
  if (status === undefined) return { reachable: false, detail: output || `exit ${result.exitCode}`, via };
  const body = result.exitCode === 0 ? String(result.stdout ?? "").slice(0, BODY_KEPT) : undefined;
  return { reachable: true, detail: `HTTP ${status} ${body?.slice(0, 200) ?? ""}`.trim(), via, status, ...(body === undefined ? {} : { body }) };
}

function responseFailures(attempt: Attempt, expected: ResponseExpectation | undefined): string[] {
  if (!expected || !attempt.reachable) return [];
  const failures =
    expected.status !== undefined && attempt.status !== expected.status
      ? [`expected HTTP ${expected.status}, received HTTP ${attempt.status ?? "(none)"}`]
      : [];
  if (expected.body === undefined) return failures;
  if (attempt.body === undefined)
    return [
      ...failures,
      `expected to check the response body, but the probe shows no body for HTTP ${attempt.status} (busybox wget drops bodies of non-2xx answers)`,
    ];
  return [...failures, ...textFailures("response body", attempt.body, expected.body)];
}

export async function checkReachable(
  context: CheckContext,
  target: string,
  from: string | undefined,
  expectReachable: boolean,
  response?: ResponseExpectation,
): Promise<CheckOutcome> {
  const parsed = parseTarget(target);
  const attempt = from === undefined ? await reachFromHarness(context, parsed) : await reachFromContainer(context, from, parsed);
  const where = from === undefined ? "the harness (scenario localhost)" : `"${from}"`;
  const evidence = {
    from: from ?? null,
    target,
    reachable: attempt.reachable,
    detail: attempt.detail,
    via: attempt.via,
    ...(attempt.status === undefined ? {} : { status: attempt.status }),
    ...(attempt.body === undefined ? {} : { body: attempt.body.slice(0, 500) }),
  };
  const seen = `${target} is ${attempt.reachable ? "reachable" : "unreachable"} from ${where} (${attempt.detail})`;
  if (attempt.reachable !== expectReachable) {
    return {
      passed: false,
      message: `expected ${target} to be ${expectReachable ? "reachable" : "unreachable"} from ${where}; found ${seen}`,
      evidence,
    };
  }
  const failures = responseFailures(attempt, response);
  return failures.length === 0
    ? { passed: true, message: seen, evidence }
    : { passed: false, message: `${failures.join("; ")} (${target} from ${where})`, evidence };
}
