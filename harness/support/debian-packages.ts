import { existsSync } from "node:fs";
import { execa } from "execa";
import which from "which";
import { DockproofError } from "./errors.js";

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

let updated: Promise<unknown> | undefined;

/**
 * Installs Debian packages with apt-get. CI machines start bare, so the project's own code installs what its
 * tests need rather than relying on hand-installed state. The package index is refreshed once per process.
 */
export async function installDebianPackages(packages: readonly string[], why: string, log: (line: string) => void): Promise<void> {
  const allowed = canInstallDebianPackages();
  if (!allowed.ok)
    throw new DockproofError(
      "E_INSTALL_UNSUPPORTED",
      `${why} needs ${packages.join(", ")}, and dockproof cannot install them here: ${allowed.reason}`,
    );
  log(`installing ${packages.join(" ")} with apt-get (${why})`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  try {
    updated ??= execa("apt-get", ["update", "-qq"], { env, timeout: 300_000 });
    await updated;
    await execa("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...packages], { env, timeout: 900_000 });
  } catch (error) {
    updated = undefined;
    throw new DockproofError("E_INSTALL_FAILED", `apt-get could not install ${packages.join(", ")} (${why})`, { cause: error });
  }
}
