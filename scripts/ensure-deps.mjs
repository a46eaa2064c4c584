// npm's pre-script for `npm test` and `npm run verify`, and the first thing bin/dockproof.mjs does: installs the
// dependencies when they are missing or older than the lockfile, so a fresh clone needs no separate install command;
// then builds the CLI (scripts/cli-build.mjs) when its sources changed.
import { execFileSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const lock = `${root}/package-lock.json`;
const installed = `${root}/node_modules/.package-lock.json`;

/** Missing or older than the lockfile; false where there is no lockfile (dockproof installed as a package). */
export function dependenciesStale() {
  if (!existsSync(lock)) return false;
  return !existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs;
}

/**
 * Never installed (a fresh clone): what the CLI installs on its own. An install older than the lockfile is left to
 * `npm run verify` and `npm test` (this script): a checkout whose node_modules is a link to another's (as
 * scripts/unit-without-shared.sh makes) looks older, and `npm ci` there would empty the other checkout's.
 */
export function dependenciesMissing() {
  return existsSync(lock) && !existsSync(installed);
}

/** `npm ci`, its output on stderr (stdout stays the command's own). Throws with the exact command to run on failure. */
export function installDependencies() {
  process.stderr.write("dockproof: installing dependencies (npm ci)\n");
  try {
    execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: root, stdio: ["ignore", 2, 2] });
  } catch (error) {
    const why =
      error.code === "ENOENT"
        ? "npm was not found on PATH"
        : `npm ci ${error.status === null ? `was killed (${error.signal})` : `exited ${error.status}`}`;
    throw new Error(`could not install dockproof's dependencies: ${why}. Run \`npm ci\` in ${root} (Node.js >= 20.19 with npm), then try again.`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    if (dependenciesStale()) installDependencies();
    const { freshBuild, buildCli } = await import("./cli-build.mjs");
    if (!freshBuild()) await buildCli();
  } catch (error) {
    process.stderr.write(`dockproof: ${error.message}\n`);
    process.exit(3);
  }
}
