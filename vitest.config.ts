import { defineConfig } from "vitest/config";

// Two projects: unit tests need nothing; docker tests share one prepared engine and image set
// (global setup), so `vitest run --project unit` works on a machine without Docker.
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
          // threads, three at a time: many of them wait on processes they spawn.
          pool: "threads",
          isolate: false,
          maxWorkers: 3,
        },
      },
      {
        extends: true,
        test: {
          name: "docker",
          include: ["scenarios/**/*.test.ts", "fixtures/*.test.ts", "**/*.docker.test.ts", "**/*.browser.test.ts"],
          exclude: ["**/node_modules/**"],
          globalSetup: ["./harness/vitest/temp-folder-setup.ts", "./harness/vitest/global-setup.ts"],
          env: { DOCKPROOF_DOCKER_TESTS: "1" },
          testTimeout: 600_000,
          hookTimeout: 600_000,
          // Each sandbox is a whole dockerd: two at a time is what 2 cores carry.
          maxConcurrency: 2,
          fileParallelism: false,
        },
      },
    ],
  },
});
