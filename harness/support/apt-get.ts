import { DockproofError } from "./errors.js";
import { type ProcessOptions, type ProcessResult, runProcess } from "./run-process.js";

/** How long apt-get waits for a lock another process holds (an unattended upgrade can hold dpkg's for minutes). */
export const APT_LOCK_WAIT_SECONDS = 600;
/** Between tries on a lock apt-get itself does not wait for (the package lists' lock of another `apt-get update`). */
const LOCK_RETRY_MS = 2_000;

export type ProcessRunner = (argv: readonly string[], options: ProcessOptions) => Promise<ProcessResult>;

export interface AptCall {
  /** What the call does, in words ("install debootstrap (building the offline Debian base image)"). */
  what: string;
  log: (line: string) => void;
  /** Bound of the call itself, not counting the wait for a lock. */
  timeoutMs: number;
  lockWaitSeconds?: number;
  /** Test seam: runs the process (default: runProcess). */
  run?: ProcessRunner;
}

/** A lock apt-get found held, and by whom (as apt-get says it). */
interface HeldLock {
  lock: string;
  holder: string | null;
}

const HELD = /Could not get lock (\S+?)\.? It is held by process (\d+) \(([^)]*)\)/;
const FRONTEND_TIMEOUT = /Unable to acquire the dpkg frontend lock \((\S+)\)/;

function heldLock(text: string, seen: HeldLock | null): HeldLock | null {
  const held = HELD.exec(text);
  if (held) return { lock: held[1] as string, holder: `process ${held[2]} (${held[3]})` };
  const frontend = FRONTEND_TIMEOUT.exec(text);
  return frontend ? { lock: frontend[1] as string, holder: seen?.holder ?? null } : null;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const errorLines = (result: ProcessResult): string =>
  result.lines
    .map((line) => line.text.trim())
    .filter((line) => /^(E|W): /.test(line))
    .slice(-8)
    .join("; ") || `exit code ${result.exitCode ?? result.signal ?? "none"}${result.spawnError ? `: ${result.spawnError.message}` : ""}`;

/**
 * `apt-get ARGS`, waiting for a lock another process holds: dpkg's through apt-get's own `DPkg::Lock::Timeout`, the
 * package lists' by trying again, both within `lockWaitSeconds`. Says in the log what it waited for and how long;
 * fails with E_INSTALL_LOCKED (the lock, its holder, the wait) or E_INSTALL_FAILED (apt-get's own E: and W: lines).
 * Not serialised: callers run it inside aptQueue (install-packages.ts).
 */
export async function aptGet(args: readonly string[], call: AptCall): Promise<ProcessResult> {
  const run = call.run ?? runProcess;
  const budgetMs = (call.lockWaitSeconds ?? APT_LOCK_WAIT_SECONDS) * 1000;
  const started = performance.now();
  let held: HeldLock | null = null;
  let waitStarted: number | null = null;
  const noteHeld = (text: string) => {
    const found = heldLock(text, held);
    if (!found) return;
    held = found;
    if (waitStarted !== null) return;
    waitStarted = performance.now();
    call.log(`apt-get ${call.what}: waiting for ${found.lock}, held by ${found.holder ?? "another process"}`);
  };
  for (;;) {
    const leftSeconds = Math.max(0, Math.ceil((budgetMs - (performance.now() - started)) / 1000));
    const result = await run(["apt-get", "-o", `DPkg::Lock::Timeout=${leftSeconds}`, ...args], {
      env: { DEBIAN_FRONTEND: "noninteractive" },
      timeoutMs: call.timeoutMs + leftSeconds * 1000,
      onLine: noteHeld,
    });
    const lockFailure = result.exitCode === 0 ? null : heldLock(result.stderr, held);
    if (lockFailure && performance.now() - started + LOCK_RETRY_MS < budgetMs) {
      noteHeld(result.stderr);
      // apt-get gave up at once (a lock DPkg::Lock::Timeout does not cover): try again until the budget is spent.
      if (!FRONTEND_TIMEOUT.test(result.stderr)) {
        await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
        continue;
      }
    }
    const waited = waitStarted === null ? null : performance.now() - waitStarted;
    const lock = held as HeldLock | null;
    if (waited !== null && lock)
      call.log(`apt-get ${call.what}: waited ${seconds(waited)} for ${lock.lock} (held by ${lock.holder ?? "another process"})`);
    if (result.exitCode === 0) return result;
    if (lockFailure)
      throw new DockproofError(
        "E_INSTALL_LOCKED",
        `this machine could not ${call.what}: expected ${lockFailure.lock} to be free within ${seconds(budgetMs)}, found it still held by ` +
          `${lockFailure.holder ?? "another process"} after waiting ${seconds(waited ?? performance.now() - started)}`,
      );
    const how = result.timedOut ? `did not finish within ${seconds(call.timeoutMs)}` : `failed: ${errorLines(result)}`;
    throw new DockproofError("E_INSTALL_FAILED", `this machine could not ${call.what}: \`apt-get ${args.join(" ")}\` ${how}`);
  }
}

let queue: Promise<unknown> = Promise.resolve();
/** Calls queued or running, and the last one queued: what a new call waits for. */
let depth = 0;
let last = "";

/**
 * Every apt-get call of this process, one after the other: apt and dpkg lock the whole machine, so two of dockproof's
 * own recipes preparing at once (two Debian bases each installing debootstrap) must never race for the lock.
 */
export function aptQueue<T>(what: string, log: (line: string) => void, work: () => Promise<T>): Promise<T> {
  const ahead = depth > 0 ? last : null;
  const queued = performance.now();
  depth += 1;
  last = what;
  if (ahead !== null) log(`apt-get ${what}: waiting for dockproof's own apt-get (${ahead}) to finish first`);
  const next = queue.then(async () => {
    if (ahead !== null) log(`apt-get ${what}: waited ${seconds(performance.now() - queued)} for dockproof's own apt-get`);
    try {
      return await work();
    } finally {
      depth -= 1;
    }
  });
  queue = next.catch(() => undefined);
  return next;
}
