import { mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { runCommand } from "./run-checked-command.js";

export function buildDir(repoRoot: string, buildName: string): string {
  return path.join(repoRoot, ".dockproof", "build", buildName);
}

export function cacheDir(repoRoot: string, ...parts: string[]): string {
  return path.join(repoRoot, ".dockproof", "cache", ...parts);
}

/** An empty directory, whatever an earlier (possibly crashed) build left there. */
export async function freshDir(dir: string): Promise<string> {
  await removeTree(dir);
  await mkdir(dir, { recursive: true });
  return dir;
}

/**
 * Removes a build directory. A debootstrap killed half-way can leave /proc or /sys mounted inside
 * its target; a plain recursive delete would then walk into the HOST's /proc and /sys. So we
 * unmount anything below `dir` first (deepest first) and only then delete.
 */
export async function removeTree(dir: string): Promise<void> {
  const absolute = path.resolve(dir);
  const mounts = await readFile("/proc/self/mounts", "utf8").catch(() => "");
  for (const mountPoint of mountsUnder(mounts, absolute)) {
    await runCommand("umount", ["--lazy", mountPoint], {
      what: `unmounting ${mountPoint} left behind by an interrupted build`,
      timeoutMs: 30_000,
    });
  }
  await rm(absolute, { recursive: true, force: true });
}

/** Mount points at or below `dir`, deepest first. Paths in /proc/self/mounts escape space etc. as octal. */
export function mountsUnder(mountsText: string, dir: string): string[] {
  const prefix = dir.endsWith("/") ? dir : `${dir}/`;
  return mountsText
    .split("\n")
    .map((line) => line.split(" ")[1])
    .filter((field): field is string => field !== undefined)
    .map((field) => field.replace(/\\([0-7]{3})/g, (_m, octal: string) => String.fromCharCode(Number.parseInt(octal, 8))))
    .filter((mountPoint) => mountPoint === dir || mountPoint.startsWith(prefix))
    .sort((a, b) => b.length - a.length);
}
