// `node scripts/node-from-npm.mjs 24`: prints the path of a Node.js 24 binary, installed on first use from the npm
// registry's `node` package (which carries the official builds as node-<platform>-<arch>) into .dockproof/node-24/, so
// .ci/run can run the unit tests under another Node than the machine's without a download of its own.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const major = process.argv[2] ?? "";
if (!/^\d+$/.test(major)) {
  process.stderr.write("usage: node scripts/node-from-npm.mjs MAJOR\n");
  process.exit(2);
}
const root = fileURLToPath(new URL("..", import.meta.url));
const prefix = join(root, ".dockproof", `node-${major}`);
const binary = join(prefix, "node_modules", ".bin", "node");
const version = () => {
  try {
    return execFileSync(binary, ["--version"], { encoding: "utf8" }).trim();
  } catch {
    return null;
  }
};
if (!version()?.startsWith(`v${major}.`)) {
  mkdirSync(prefix, { recursive: true });
  process.stderr.write(`node-from-npm: installing node@${major} from the npm registry into ${prefix}\n`);
  execFileSync("npm", ["install", "--prefix", prefix, "--no-save", "--no-audit", "--no-fund", "--no-package-lock", `node@${major}`], {
    stdio: ["ignore", 2, 2],
  });
  const installed = version();
  if (!installed?.startsWith(`v${major}.`)) {
    process.stderr.write(`node-from-npm: expected Node ${major} at ${binary}, found ${installed ?? "nothing"}\n`);
    process.exit(1);
  }
}
process.stdout.write(`${binary}\n`);
