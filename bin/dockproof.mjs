#!/usr/bin/env node
// dockproof ships TypeScript sources. The CLI runs them as one esbuild bundle (scripts/cli-build.mjs), rebuilt here
// whenever a source changed, so there is no build step to forget; a fresh clone's first command installs the
// dependencies first (npm ci), as `npm run verify` does. Only Node's own modules are loaded before the command's.
import { dependenciesMissing, installDependencies } from "../scripts/ensure-deps.mjs";
import { cliEntry } from "../scripts/cli-build.mjs";

let main;
try {
  if (dependenciesMissing()) installDependencies();
  ({ main } = await import(await cliEntry()));
} catch (error) {
  // No stack trace: what went wrong on this machine and what to run (exit 3: an error of this machine).
  process.stderr.write(`dockproof: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(3);
}
process.exitCode = await main(process.argv.slice(2));
