// Run by signal-cleanup.test.ts in a child process: it installs the cleanup, registers a disposer that records
// each call (with whether the run already counts as interrupted) and writes a line every 100 ms until stopped.
import { appendFileSync } from "node:fs";
import { installSignalCleanup, interrupted, onInterrupt } from "../signal-cleanup.js";

const record = process.argv[2] ?? "interrupt-victim.log";
installSignalCleanup();
onInterrupt(async () => {
  appendFileSync(record, `disposed interrupted=${interrupted()}\n`);
});
process.stdout.write("ready\n");
setInterval(() => process.stdout.write("tick\n"), 100);
