import { connect } from "node:net";
import { execa } from "execa";
import { assertRunning } from "./container-state.js";
import { parseTarget, type Target } from "../scenario/target.js";
import { harnessAddress, type CheckContext, type CheckOutcome } from "./check-outcome.js";


interface Attempt {
  reachable: boolean;
  detail: string;
  via: string;
}

/** From the harness, the scenario's `localhost` is the sandbox's published port on the host loopback. */
async function reachFromHarness(context: CheckContext, target: Target): Promise<Attempt> {
  const address = harnessAddress(context, target.host, target.port);
  const via = `harness -> ${address.host}:${address.port}`;
  if (target.protocol === "http") {
    const url = `http://${address.host}:${address.port}${target.path}`;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(context.attemptTimeoutMs) });
      const body = (await response.text()).slice(0, 200);
      return { reachable: true, detail: `HTTP ${response.status} ${body}`.trim(), via };
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

/** A probe side-car in the container's network namespace, so `localhost` there means that container. */
async function reachFromContainer(context: CheckContext, from: string, target: Target): Promise<Attempt> {
  await assertRunning(from, context.sandbox.cliEnv);
  const seconds = String(Math.max(1, Math.ceil(context.attemptTimeoutMs / 1000) - 1));
  const probe =
    target.protocol === "http"
      ? // Debian's busybox 1.35 wget segfaults (exit 139) with -T; coreutils timeout bounds it instead.
        ["timeout", seconds, "busybox", "wget", "-q", "-O", "-", `http://${target.host}:${target.port}${target.path}`]
      : // Host and port arrive as positional arguments, never as shell text, so a captured value cannot inject.
        ["timeout", seconds, "bash", "-c", 'exec 3<>"/dev/tcp/$1/$2"', "tcp-probe", target.host, String(target.port)];
  const result = await execa("docker", ["run", "--rm", "--network", `container:${from}`, context.probeImage, ...probe], {
    env: context.sandbox.cliEnv,
    reject: false,
    timeout: context.attemptTimeoutMs + 15_000,
    all: true,
  });
  const output = String(result.all ?? "").trim().slice(0, 400);
  const detail = result.exitCode === 0 ? (target.protocol === "tcp" ? "TCP connection accepted" : `HTTP answered: ${output.slice(0, 200)}`) : output || `exit ${result.exitCode}`;
  return { reachable: result.exitCode === 0, detail, via: `probe side-car in ${from}'s network namespace` };
}

export async function checkReachable(context: CheckContext, target: string, from: string | undefined, expectReachable: boolean): Promise<CheckOutcome> {
  const parsed = parseTarget(target);
  const attempt = from === undefined ? await reachFromHarness(context, parsed) : await reachFromContainer(context, from, parsed);
  const where = from === undefined ? "the harness (scenario localhost)" : `"${from}"`;
  const evidence = { from: from ?? null, target, reachable: attempt.reachable, detail: attempt.detail, via: attempt.via };
  const seen = `${target} is ${attempt.reachable ? "reachable" : "unreachable"} from ${where} (${attempt.detail})`;
  return attempt.reachable === expectReachable
    ? { passed: true, message: seen, evidence }
    : { passed: false, message: `expected ${target} to be ${expectReachable ? "reachable" : "unreachable"} from ${where}; found ${seen}`, evidence };
}
