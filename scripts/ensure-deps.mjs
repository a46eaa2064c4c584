// npm's pre-script for `npm test` and `npm run verify`: installs dependencies when they are missing or older
// than the lockfile, so a fresh clone needs no separate install command.
import { existsSync, statSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const lock = `${root}/package-lock.json`;
const installed = `${root}/node_modules/.package-lock.json`;
const stale = !existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs;
if (stale) {
  process.stderr.write("dockproof: installing dependencies (npm ci)\n");
  execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
}
