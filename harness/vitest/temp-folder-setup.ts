import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The folder of this test run, shared by every project's setup in this process (vitest's main process). */
interface SharedFolder {
  folder: string;
  previous: string | undefined;
  users: number;
}

/**
 * Global setup of every project: every temporary folder the tests make (and the dockproof runs they start, which
 * inherit TMPDIR) goes into one folder of this test run, removed when the run ends. Tests make thousands (a scenario
 * and lesson per case), and a developer's /tmp kept every one. One folder for all projects, not one inside another per
 * project: a sandbox's API socket lives under TMPDIR, and three nested folders put its path past the 107 bytes a unix
 * socket path may have.
 */
export default function setup(): () => void {
  const shared = globalThis as { dockproofTempFolder?: SharedFolder };
  if (!shared.dockproofTempFolder) {
    const previous = process.env.TMPDIR;
    const folder = mkdtempSync(join(tmpdir(), "dockproof-tests-"));
    // As /tmp is: tests run commands as other users (the redis stand-in's entrypoint as nobody), who must get in.
    chmodSync(folder, 0o1777);
    process.env.TMPDIR = folder;
    shared.dockproofTempFolder = { folder, previous, users: 0 };
  }
  const current = shared.dockproofTempFolder;
  current.users++;
  return () => {
    if (--current.users > 0) return;
    rmSync(current.folder, { recursive: true, force: true });
    if (current.previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = current.previous;
    delete shared.dockproofTempFolder;
  };
}
