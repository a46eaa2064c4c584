import { existsSync } from "node:fs";
import { chmod, cp, mkdir, mkdtemp, readFile, rm, symlink, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { execa } from "execa";
import { beforeAll, describe, expect, it } from "vitest";
import { defaultLessonsDir, repoRoot } from "../support/paths.js";

// The CLI in a checkout without node_modules (a fresh clone before `npm ci`): every command installs the dependencies
// first, as `npm run verify` does, or says exactly what to run — never a stack trace. The checkout is what a clone of
// this working tree would hold (git's tracked and unignored files); npm is a stub on PATH that records its arguments
// and links this checkout's node_modules (a real `npm ci` takes a minute: bench/fast.bench.ts times that).
let clone = "";

beforeAll(async () => {
  clone = path.join(await mkdtemp(path.join(tmpdir(), "bare-clone-")), "checkout");
  // node_modules left out even as a link (scripts/unit-without-shared.sh links it, and git ignores only the folder).
  const files = (await execa("git", ["ls-files", "-co", "--exclude-standard", "-z"], { cwd: repoRoot })).stdout
    .split("\0")
    .filter((file) => file && file !== "node_modules" && !file.startsWith("node_modules/"));
  for (const file of files) {
    await mkdir(path.dirname(path.join(clone, file)), { recursive: true });
    await cp(path.join(repoRoot, file), path.join(clone, file)).catch((error) => {
      if (error.code !== "ENOENT") throw error; // deleted in the working tree, not yet in git
    });
  }
  // Older than the install record the stub links in (a real npm ci writes a newer one): once linked, deps are current.
  await utimes(path.join(clone, "package-lock.json"), new Date(2000, 0, 1), new Date(2000, 0, 1));
});

/** A PATH holding node, and npm only when given: a stub that appends its arguments to npm-calls and links node_modules. */
async function pathWith(npm: boolean): Promise<string> {
  const bin = await mkdtemp(path.join(tmpdir(), "bare-clone-bin-"));
  await symlink(process.execPath, path.join(bin, "node"));
  if (npm) {
    const stub = `#!/bin/sh\necho "$*" >> "${bin}/npm-calls"\nexec /bin/ln -s "${repoRoot}/node_modules" node_modules\n`;
    await writeFile(path.join(bin, "npm"), stub);
    await chmod(path.join(bin, "npm"), 0o755);
  }
  return bin;
}

const dockproof = (bin: string, ...args: string[]) =>
  execa("node", ["bin/dockproof.mjs", ...args], { cwd: clone, reject: false, env: { PATH: bin }, extendEnv: false });

describe("the CLI from a fresh clone, before npm ci", () => {
  it("without npm on PATH: says what to run, exit 3, no stack trace", async () => {
    const result = await dockproof(await pathWith(false), "validate", "--lessons", defaultLessonsDir());
    expect(result.exitCode).toBe(3);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      `dockproof: installing dependencies (npm ci)\ndockproof: could not install dockproof's dependencies: npm was not found on PATH. Run \`npm ci\` in ${clone}/ (Node.js >= 20.19 with npm), then try again.`,
    );
  }, 60_000);

  it("with npm: installs the dependencies (npm ci), builds the CLI and answers; the next command installs nothing", async () => {
    const bin = await pathWith(true);
    const help = await dockproof(bin, "--help");
    expect(help.stderr).toBe("dockproof: installing dependencies (npm ci)");
    expect(help.stdout).toMatch(/^usage:\n {2}dockproof run/);
    expect(help.exitCode).toBe(0);
    expect(await readFile(path.join(bin, "npm-calls"), "utf8")).toBe("ci --no-audit --no-fund\n");
    const validate = await dockproof(bin, "validate", "scenarios", "--lessons", defaultLessonsDir());
    expect([validate.exitCode, validate.stdout]).toEqual([0, expect.stringMatching(/^\d+ scenario files valid$/)]);
    expect(await readFile(path.join(bin, "npm-calls"), "utf8")).toBe("ci --no-audit --no-fund\n");
  }, 60_000);

  it("the twin: node_modules linked from another checkout and older than this lockfile is used, never reinstalled", async () => {
    // scripts/unit-without-shared.sh links this checkout's node_modules into a fresh clone: npm ci there would empty it.
    const linked = path.join(await mkdtemp(path.join(tmpdir(), "bare-clone-linked-")), "checkout");
    await cp(clone, linked, { recursive: true, verbatimSymlinks: true });
    await rm(path.join(linked, "node_modules"), { force: true, recursive: false }).catch(() => undefined);
    await symlink(path.join(repoRoot, "node_modules"), path.join(linked, "node_modules"));
    const now = new Date();
    await utimes(path.join(linked, "package-lock.json"), now, now);
    const bin = await pathWith(true);
    const help = await execa("node", ["bin/dockproof.mjs", "--help"], { cwd: linked, reject: false, env: { PATH: bin }, extendEnv: false });
    expect([help.exitCode, help.stderr]).toEqual([0, ""]);
    expect(help.stdout).toMatch(/^usage:/);
    expect(existsSync(path.join(bin, "npm-calls"))).toBe(false);
  }, 60_000);
});
