import { defineConfig } from "vitest/config";

/**
 * Docker test files that need the outer engine to themselves: host isolation (it takes whatever appears on the engine
 * during a scenario for the scenario's), comparisons of the engine's unlabelled resources before and after, the outer
 * `mongo` and `volume_database` canaries, template sweeps after a kill -9, the sweep of dead sessions' debris. They run
 * one at a time after every other docker file (`sequence.groupOrder`), in the project `docker-alone`.
 */
const DOCKER_ALONE = [
  "harness/sandbox/host-build-cache.docker.test.ts",
  "fixtures/cli.test.ts",
  "fixtures/trust.test.ts",
  "fixtures/isolation.test.ts",
  "harness/sandbox/template-seed.docker.test.ts",
  "harness/sandbox/session-reaper.docker.test.ts",
];
const DOCKER = ["scenarios/**/*.test.ts", "fixtures/*.test.ts", "**/*.docker.test.ts", "**/*.browser.test.ts"];
const dockerProject = {
  globalSetup: ["./harness/vitest/temp-folder-setup.ts", "./harness/vitest/global-setup.ts"],
  env: { DOCKPROOF_DOCKER_TESTS: "1" },
  testTimeout: 600_000,
  hookTimeout: 600_000,
  // Each sandbox is a whole dockerd: two at a time per file is what 2 cores carry.
  maxConcurrency: 2,
};

// Unit tests need nothing; docker tests share one prepared engine and image set (global setup, prepared once per
// run), so `vitest run --project unit` works on a machine without Docker. `npm test` (measured in bench/fast.bench.ts):
// the unit files and two docker files at a time first (group 0: most docker files run one sandbox at a time and wait
// on it), then the docker-alone files one by one (group 1).
export default defineConfig({
  test: {
    // Lesson tests leave their scenario reports in task meta; LessonSummaryReporter writes reports/summary.md and
    // reports/results.json from it (nothing when no lesson ran). The closing line stays last.
    reporters: ["default", "./harness/vitest/lesson-summary-reporter.ts", "./harness/vitest/closing-line-reporter.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["harness/**/*.test.ts", "fixtures/*/**/*.test.ts"],
          exclude: ["**/*.docker.test.ts", "**/*.browser.test.ts", "**/node_modules/**"],
          globalSetup: ["./harness/vitest/temp-folder-setup.ts"],
          // Where the unit time went (vitest's import breakdown, bench/fast.bench.ts): a fresh module graph per file
          // (~0.2-1.2 s of imports each, 130 files) and one worker on 2 cores. The files share their workers' modules
          // instead (no test mocks a module, and each file passes in any file order: --sequence.shuffle.files), in
          // threads, two at a time (three measured no faster): many of them wait on processes they spawn.
          pool: "threads",
          isolate: false,
          // Group 0's workers, shared with the docker project (vitest requires one maxWorkers per group).
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: {
          name: "docker",
          include: DOCKER,
          exclude: ["**/node_modules/**", ...DOCKER_ALONE],
          ...dockerProject,
          // Two files at a time, each up to maxConcurrency sandboxes.
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: {
          name: "docker-alone",
          include: DOCKER_ALONE,
          exclude: ["**/node_modules/**"],
          ...dockerProject,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
