/**
 * Core benchmark (prints numbers; asserts nothing): sandbox ready time, image preparation time
 * (first run with --cold, then a second run), and the harness's overhead per `run` step versus
 * invoking the same docker command directly.
 *   npm run bench              # warm caches
 *   npm run bench -- --cold    # remove dockproof's images first to time a first run
 */
import { execa } from "execa";
import { ensureEngine } from "../harness/outer-engine/ensure-engine.js";
import { prepareEnvironment, PROBE_REF } from "../harness/runner/prepare-environment.js";
import { ImageCatalog } from "../harness/images/catalog.js";
import { DindSandbox } from "../harness/sandbox/dind-sandbox.js";
import { executeStep, type StepRunState } from "../harness/runner/execute-step.js";
import { parseCommandLine } from "../harness/commands/command-line.js";
import type { RunPlanStep } from "../harness/scenario/plan.js";
import { runStepSchema } from "../harness/scenario/step-schema.js";
import { repoRoot } from "../harness/support/paths.js";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { selectEngines } from "../harness/images/engines.js";

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const fmt = (ms: number) => `${ms.toFixed(ms < 100 ? 1 : 0)} ms`;
const SANDBOXES = 5;
const STEP_RUNS = 30;

const engine = await ensureEngine({ stateDir: join(repoRoot, ".dockproof"), log: (line) => console.log(`  ${line}`) });
if (process.argv.includes("--cold")) {
  const owned = await engine.docker.run(["images", "--filter", "label=org.dockproof.content-hash", "--format", "{{.Repository}}:{{.Tag}}"], {
    what: "listing dockproof's images",
    timeoutMs: 60_000,
  });
  const refs = owned.stdout.split("\n").filter(Boolean);
  if (refs.length > 0) await engine.docker.run(["rmi", "-f", ...refs], { what: "removing dockproof's images", timeoutMs: 300_000 });
  await execa("rm", ["-rf", join(repoRoot, ".dockproof/cache/images")]);
  console.log(`cold start: removed ${refs.length} dockproof images and the archive cache`);
}

const prepare = () => prepareEnvironment({ repoRoot, imageMode: "auto", isolation: "dind", engines: selectEngines(), refs: [PROBE_REF, "node:20"] });
const first = await prepare();
const second = await prepare();
const cold = process.argv.includes("--cold");
console.log(
  `image preparation: ${cold ? "first run (cold)" : "run 1 (caches as found)"} ${fmt(first.prepareMs)}, second run ${fmt(second.prepareMs)} (target <= 5000 ms)`,
);
for (const image of second.images)
  console.log(`  ${image.ref}: ${image.substitute ? `substitute for ${image.substituteFor}` : "real"} ${image.id.slice(0, 19)}`);

const readyTimes: number[] = [];
for (let i = 0; i < SANDBOXES; i++) {
  await using sandbox = await new DindSandbox(second.engines[0]?.dindImage ?? "", engine).start();
  readyTimes.push(sandbox.readyMs);
}
console.log(`sandbox ready: median ${fmt(median(readyTimes))} of ${SANDBOXES} (${readyTimes.map(fmt).join(", ")}) (target <= 2000 ms)`);

// The learner's terminal starts in their folder: an empty one, as for a scenario without a workdir.
const learnerFolder = await mkdtemp(join(tmpdir(), "dockproof-bench-"));
await using sandbox = await new DindSandbox(second.engines[0]?.dindImage ?? "", engine).withWorkdir(learnerFolder).start();
const argv = ["docker", "version", "--format", "{{.Server.Version}}"];
const direct: number[] = [];
const harnessed: number[] = [];
const state: StepRunState = {
  variables: {},
  background: [],
  sandbox,
  context: {
    docker: sandbox.docker,
    localAddress: (port) => sandbox.localAddress(port),
    probeImage: PROBE_REF,
    workdir: repoRoot,
    limitationsOf: ImageCatalog.limitationsOf,
  },
  lessonFile: "bench",
  lessonFiles: [],
  cwd: repoRoot,
  images: [],
};
const step: RunPlanStep = {
  kind: "run",
  name: "bench",
  line: 1,
  lessonLine: null,
  cites: [],
  claims: [],
  values: [],
  remark: null,
  setup: false,
  unresolved: null,
  // The step as a scenario would write it: capture the version, 30 s deadline, exit code 0.
  spec: runStepSchema.parse({ run: argv.join(" "), capture: "version", timeout: "30s" }),
  runsLesson: null,
  fromLesson: null,
  unrunnable: null,
  plugins: [],
  commandText: argv.join(" "),
  command: parseCommandLine(argv.join(" ")),
};
for (let i = 0; i < STEP_RUNS; i++) {
  // Interleaved so drift in the machine's load hits both sides alike.
  let started = performance.now();
  await execa(argv[0]!, argv.slice(1), { env: { ...process.env, ...sandbox.docker.env } });
  direct.push(performance.now() - started);
  started = performance.now();
  const outcome = await executeStep(step, state);
  harnessed.push(performance.now() - started);
  if (!outcome.passed) throw new Error(`bench step failed: ${outcome.message}`);
}
const overhead = harnessed.map((value, i) => value - direct[i]!);
console.log(
  `run step: direct median ${fmt(median(direct))}, through the harness ${fmt(median(harnessed))}, overhead median ${fmt(median(overhead))} over ${STEP_RUNS} runs (target <= 25 ms)`,
);
