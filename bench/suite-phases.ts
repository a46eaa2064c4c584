import type { RunReport } from "../harness/model/report-types.js";

/**
 * Per scenario and summed: where a scenario's time went, from the run's own report. start and images are what its
 * sandbox took; wait the part of that the scenario waited for (less, when the sandbox was started ahead).
 */
export function printPhases(runReport: RunReport, plain: ReadonlyMap<string, number>): void {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)}`.padStart(6);
  const sums = { start: 0, images: 0, wait: 0, steps: 0, rest: 0, total: 0 };
  const seeds: number[] = [];
  console.log(
    `  ${"scenario".padEnd(48)} ${"start".padStart(6)} ${"images".padStart(6)} ${"wait".padStart(6)} ${"steps".padStart(6)} ${"rest".padStart(6)} ${"total".padStart(6)} ${"plain".padStart(6)}  ratio  seeding`,
  );
  for (const scenario of runReport.scenarios) {
    const start = scenario.sandbox?.readyMs ?? 0;
    const images = scenario.sandbox?.seedMs ?? 0;
    const steps = scenario.steps.reduce((sum, step) => sum + step.durationMs, 0);
    const wait = scenario.sandbox?.waitMs ?? start + images;
    const rest = scenario.durationMs - wait - steps;
    const plainMs = plain.get(scenario.file) ?? Number.NaN;
    sums.start += start;
    sums.images += images;
    sums.wait += wait;
    sums.steps += steps;
    sums.rest += rest;
    sums.total += scenario.durationMs;
    seeds.push(images);
    const name = `${scenario.file.replace(/^.*scenarios\//, "")} [${scenario.engine?.name ?? "-"}]`.slice(0, 48).padEnd(48);
    console.log(
      `  ${name} ${s(start)} ${s(images)} ${s(wait)} ${s(steps)} ${s(rest)} ${s(scenario.durationMs)} ${s(plainMs)}  ${(scenario.durationMs / plainMs).toFixed(2).padStart(5)}  ${scenario.sandbox?.seeding ?? "-"}${scenario.sandbox?.prestarted ? " prestarted" : ""} ${scenario.status}`,
    );
  }
  console.log(`  ${"sum (s)".padEnd(48)} ${s(sums.start)} ${s(sums.images)} ${s(sums.wait)} ${s(sums.steps)} ${s(sums.rest)} ${s(sums.total)}`);
  const median = [...seeds].sort((a, b) => a - b)[Math.floor(seeds.length / 2)] ?? Number.NaN;
  console.log(`  images ready in a new sandbox: median ${(median / 1000).toFixed(2)} s over ${seeds.length} scenarios`);
}
