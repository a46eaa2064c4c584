import { existsSync } from "node:fs";
import which from "which";
import { APT_LOCK_WAIT_SECONDS, aptGet, aptQueue, type ProcessRunner } from "./apt-get.js";
import { DockproofError } from "./errors.js";
import { runProcess } from "./run-process.js";

/** Whether this machine lets dockproof install what it lacks the distribution's own way (Debian/Ubuntu, root). */
export function canInstallDebianPackages(): { ok: true } | { ok: false; reason: string } {
  if (process.platform !== "linux") return { ok: false, reason: `this is ${process.platform}, not Linux` };
  if (process.getuid?.() !== 0) return { ok: false, reason: "not running as root" };
  if (!existsSync("/etc/debian_version")) return { ok: false, reason: "not a Debian/Ubuntu system (no /etc/debian_version)" };
  return { ok: true };
}

/** The executable `name` on PATH, or null. */
export async function findCommand(name: string, pathEnv = process.env.PATH ?? ""): Promise<string | null> {
  return which(name, { nothrow: true, path: pathEnv });
}

export interface InstallOptions {
  lockWaitSeconds?: number;
  /** Test seam: runs apt-get and dpkg-query (default: runProcess). */
  run?: ProcessRunner;
}

/** Packages dpkg already has installed (a call queued ahead may have installed them meanwhile). */
async function installedOf(packages: readonly string[], run: ProcessRunner): Promise<Set<string>> {
  const result = await run(["dpkg-query", "--show", "--showformat", "${Package} ${Status}\\n", ...packages], { timeoutMs: 30_000 });
  const lines = result.stdout.split("\n").map((line) => line.trim().split(/\s+/));
  return new Set(lines.filter((words) => words.at(-1) === "installed" && words.at(-2) === "ok").map((words) => words[0] as string));
}

let updated = false;
/** What the one `apt-get update` of this process warned of (an unreachable mirror). */
let warnings: string[] = [];

/**
 * Installs Debian packages with apt-get. CI machines start bare, so the project's own code installs what its
 * tests need rather than relying on hand-installed state. All of this process's apt-get calls run one after the other
 * (aptQueue), a package installed meanwhile is not installed again, a lock held by another process is waited for
 * (aptGet), and the package index is refreshed once per process.
 */
export async function installDebianPackages(
  packages: readonly string[],
  why: string,
  log: (line: string) => void,
  options: InstallOptions = {},
): Promise<void> {
  const allowed = canInstallDebianPackages();
  if (!allowed.ok)
    throw new DockproofError(
      "E_INSTALL_UNSUPPORTED",
      `${why} needs ${packages.join(", ")}, and dockproof cannot install them here: ${allowed.reason}`,
    );
  await installWithApt(packages, why, log, options);
}

/** installDebianPackages past the check that this machine allows it (unit tests call it with a scripted runner). */
export function installWithApt(packages: readonly string[], why: string, log: (line: string) => void, options: InstallOptions = {}): Promise<void> {
  const run = options.run ?? runProcess;
  const what = `install ${packages.join(", ")} (${why})`;
  const call = { log, run, lockWaitSeconds: options.lockWaitSeconds ?? APT_LOCK_WAIT_SECONDS };
  return aptQueue(what, log, async () => {
    const installed = await installedOf(packages, run);
    const missing = packages.filter((name) => !installed.has(name));
    if (missing.length === 0) {
      log(`${packages.join(", ")} already installed (${why})`);
      return;
    }
    log(`installing ${missing.join(" ")} with apt-get (${why})`);
    if (!updated) {
      const update = await aptGet(["update", "-q"], { ...call, what: `refresh the package index to ${what}`, timeoutMs: 300_000 });
      // apt-get update exits 0 when a mirror does not answer; its warnings explain an install that then fails.
      warnings = update.lines.map((line) => line.text.trim()).filter((line) => line.startsWith("W: "));
    }
    updated = true;
    await aptGet(["install", "-y", "-q", "--no-install-recommends", ...missing], { ...call, what, timeoutMs: 900_000 }).catch((error: unknown) => {
      if (!(error instanceof DockproofError) || error.code !== "E_INSTALL_FAILED" || warnings.length === 0) throw error;
      throw new DockproofError(error.code, `${error.message} (apt-get update said: ${warnings.slice(-4).join("; ")})`, { cause: error });
    });
  });
}
