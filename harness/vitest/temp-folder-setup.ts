import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Global setup of both projects: every temporary folder the tests make (and the dockproof runs they start, which
 * inherit TMPDIR) goes into one folder of this test run, removed when the run ends. Tests make thousands (a scenario
 * and lesson per case), and a developer's /tmp kept every one.
 */
export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const folder = mkdtempSync(join(tmpdir(), "dockproof-tests-"));
  // As /tmp is: tests run commands as other users (the redis stand-in's entrypoint as nobody), who must get in.
  chmodSync(folder, 0o1777);
  process.env.TMPDIR = folder;
  return () => {
    rmSync(folder, { recursive: true, force: true });
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  };
}
