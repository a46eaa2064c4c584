/**
 * Flake soak (prints numbers; asserts nothing): runs the whole lesson suite N times in a row and prints, per run,
 * its verdicts, the labelled resources left on the outer engine, where its time went (summed over its scenarios,
 * from its --json report: sandbox wait, steps, the rest) and what the outer engine holds (containers, volumes,
 * networks, all of them, not only ours), so a run time that grows can be traced; then the flake rate and disk growth.
 *   npm run soak               # 20 runs
 *   npm run soak -- --runs 5 --paths scenarios/networks
 */
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { join } from "node:path";
import { execa } from "execa";
import { ensureEngine } from "../harness/outer-engine/ensure-engine.js";
import type { RunReport } from "../harness/model/report-types.js";
import { listLabelled } from "../harness/sandbox/session-reaper.js";
import { repoRoot } from "../harness/support/paths.js";

const { values } = parseArgs({
  options: { runs: { type: "string", default: "20" }, paths: { type: "string", multiple: true, default: ["scenarios"] } },
});
const runs = Number(values.runs);
const engine = await ensureEngine({ stateDir: join(repoRoot, ".dockproof") });
const outer = engine.docker;

/** Bytes the engine uses for images, containers, volumes and build cache (docker system df). */
async function engineBytes(): Promise<number> {
  const units: Record<string, number> = { B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 };
  const { stdout } = await outer.run(["system", "df", "--format", "{{.Size}}"], { what: "the engine's disk use", timeoutMs: 120_000 });
  return stdout.split("\n").reduce((sum, size) => {
    const match = /^([\d.]+)\s*([kKMGT]?B)$/.exec(size.trim());
    return sum + (match ? Number(match[1]) * (units[match[2]!] ?? 1) : 0);
  }, 0);
}

/** Sums over a run's scenarios, and the count of everything on the outer engine. */
async function runShape(reportFile: string): Promise<string> {
  const report = JSON.parse(await readFile(reportFile, "utf8")) as RunReport;
  const sum = (of: (scenario: RunReport["scenarios"][number]) => number) => report.scenarios.reduce((total, scenario) => total + of(scenario), 0);
  const wait = sum((scenario) => scenario.sandbox?.waitMs ?? (scenario.sandbox?.readyMs ?? 0) + (scenario.sandbox?.seedMs ?? 0));
  const steps = sum((scenario) => scenario.steps.reduce((total, step) => total + step.durationMs, 0));
  const rest = sum((scenario) => scenario.durationMs) - wait - steps;
  const count = async (args: string[]) =>
    (await outer.run(args, { what: `docker ${args.join(" ")} on the outer engine`, timeoutMs: 60_000 })).stdout.split("\n").filter(Boolean).length;
  const [containers, volumes, networks] = await Promise.all([count(["ps", "-aq"]), count(["volume", "ls", "-q"]), count(["network", "ls", "-q"])]);
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return `summed: wait ${s(wait)}, steps ${s(steps)}, rest ${s(rest)}; outer engine: ${containers} containers, ${volumes} volumes, ${networks} networks`;
}

const diskBefore = await engineBytes();
let failedRuns = 0;
let leakedTotal = 0;
let completedRuns = 0;
const durations: number[] = [];
// Ctrl-C reaches the running dockproof too (same process group), which cleans up and exits 130; the soak then
// still counts that run's leaks and prints the summary of the runs so far instead of dying without numbers.
let stopRequested = false;
process.on("SIGINT", () => (stopRequested = true));
for (let run = 1; run <= runs && !stopRequested; run++) {
  const started = performance.now();
  // Each run under its own session id, so leaks are counted for that run only (not for whatever else uses the engine).
  const session = `soak-${run}-${randomUUID()}`;
  const reportFile = join(repoRoot, ".dockproof", "soak-run.json");
  const result = await execa("node", ["bin/dockproof.mjs", "run", "--json", reportFile, ...values.paths], {
    cwd: repoRoot,
    reject: false,
    all: true,
    env: { CI: "true", DOCKPROOF_SESSION_ID: session },
  });
  durations.push(performance.now() - started);
  const closing = result.stdout.trim().split("\n").at(-1) ?? "";
  const leaked = (await listLabelled(outer)).filter((resource) => resource.session === session);
  leakedTotal += leaked.length;
  if (stopRequested) {
    console.log(
      `run ${run}/${runs}: interrupted (exit ${result.exitCode}), leaked ${leaked.length} labelled resource(s); counted neither passed nor failed`,
    );
    break;
  }
  completedRuns += 1;
  if (result.exitCode !== 0) failedRuns += 1;
  console.log(
    `run ${run}/${runs}: exit ${result.exitCode}, ${closing}, leaked ${leaked.length} labelled resource(s), ${(durations.at(-1)! / 1000).toFixed(1)} s`,
  );
  console.log(`  ${await runShape(reportFile).catch((error: unknown) => `no report to read: ${(error as Error).message}`)}`);
  if (result.exitCode !== 0)
    console.log(
      result.all
        ?.split("\n")
        .filter((line) => /✗|FAILED|failed|last log lines|^\s{4,}\S/.test(line))
        .slice(0, 40)
        .join("\n"),
    );
  const retried = result.all?.split("\n").filter((line) => line.includes("sandbox start failed, trying once more")) ?? [];
  if (retried.length > 0) console.log(`  sandbox starts retried: ${retried.length}\n${retried.join("\n")}`);
}
const diskAfter = await engineBytes();
const stopped = completedRuns < runs ? ` (stopped after ${completedRuns} of ${runs} runs)` : "";
console.log(
  `soak: ${completedRuns - failedRuns} passed, ${failedRuns} failed runs${stopped}; flake rate ${((failedRuns / Math.max(1, completedRuns)) * 100).toFixed(1)}%; leaked resources in all ${leakedTotal}`,
);
console.log(
  `engine disk: before ${(diskBefore / 1e6).toFixed(0)} MB, after ${(diskAfter / 1e6).toFixed(0)} MB, growth ${((diskAfter - diskBefore) / 1e6).toFixed(1)} MB over ${completedRuns} runs`,
);
console.log(`run time: median ${(durations.sort((a, b) => a - b)[Math.floor(durations.length / 2)]! / 1000).toFixed(1)} s`);
