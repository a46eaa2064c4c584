import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FakeDocker } from "../../docker/fake-docker.js";
import type { SandboxHealth, StartedSandbox } from "../../sandbox/sandbox.js";
import { LocalTerminal } from "../../terminal/local-terminal.js";
import type { SandboxProvider, SandboxRequest } from "../../sandbox/sandbox-provider.js";
import { loadPlans } from "../../scenario/load-scenarios.js";
import type { ScenarioPlan } from "../../scenario/plan.js";

/**
 * A sandbox with no daemon behind it: lesson commands run on this machine as they would against a sandbox's
 * engine, and the scenario's `localhost:P` is whatever local port `ports` maps P to. Enough to test the runner's own
 * logic (verdicts, retries, capture, background, timeouts) without Docker.
 */
export class FakeSandbox implements StartedSandbox {
  readonly kind = "dind" as const;
  /** Its daemon: scripted by the test (see FakeDocker); a call nobody scripted fails the test. */
  readonly docker = new FakeDocker({ DOCKER_HOST: "tcp://127.0.0.1:9" });
  readonly readyMs = 1;
  readonly seedMs = 0;
  readonly privilege = null;
  readonly engineKey = "fake";
  stops = 0;
  readonly terminal: LocalTerminal;

  constructor(
    private readonly ports: ReadonlyMap<number, number> = new Map(),
    workdir = "/",
  ) {
    this.terminal = new LocalTerminal(workdir, this.docker.env);
  }

  localAddress(port: number): { host: string; port: number } {
    return { host: "127.0.0.1", port: this.ports.get(port) ?? port };
  }

  async daemonLogs(): Promise<string> {
    return "(fake sandbox: no daemon)";
  }

  /** What health() answers; a test sets it to a dead daemon. */
  healthNow: SandboxHealth = { alive: true };

  async health(): Promise<SandboxHealth> {
    return this.healthNow;
  }

  async stop(): Promise<void> {
    this.stops += 1;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }
}

/** Hands out FakeSandboxes, or throws `failures` (in order) first; records every request and sandbox. */
export class FakeProvider implements SandboxProvider {
  readonly requests: SandboxRequest[] = [];
  readonly started: FakeSandbox[] = [];

  constructor(
    private readonly failures: Error[] = [],
    private readonly ports: ReadonlyMap<number, number> = new Map(),
  ) {}

  async start(request: SandboxRequest): Promise<StartedSandbox> {
    this.requests.push(request);
    const failure = this.failures.shift();
    if (failure) throw failure;
    const sandbox = new FakeSandbox(this.ports, request.workdir);
    this.started.push(sandbox);
    return sandbox;
  }
}

const LESSON = ["Fake lesson ->", "", "echo hello", "sleep 5", ""].join("\n");

/**
 * A last step running the fake lesson's line 3 as written: a scenario that proves nothing of its lesson is not passed,
 * so a runner test about something else ends with one lesson command of its lesson (a scenario without it is a twin).
 */
const LESSON_STEP = "  - name: the lesson's own command, as written\n    run: { lesson: 3 }\n";

/** Loads one scenario written as YAML (steps only; the header is filled in) through the real loader. */
export async function planFromSteps(
  steps: string,
  header = "",
  options: { lessonStep?: boolean; images?: readonly string[] } = {},
): Promise<ScenarioPlan> {
  const dir = await mkdtemp(join(tmpdir(), "dockproof-runner-test-"));
  await mkdir(join(dir, "lessons"));
  await writeFile(join(dir, "lessons", "fake.txt"), LESSON);
  const file = join(dir, "scenario.yaml");
  const text = `schemaVersion: 1\nname: runner test\nlesson: { file: fake.txt, section: "Fake lesson ->" }\nimages: [${(options.images ?? []).join(", ")}]\n${header}steps:\n${steps.trimEnd()}\n${options.lessonStep === false ? "" : LESSON_STEP}`;
  await writeFile(file, text);
  const { plans, problems } = await loadPlans([file], { lessonsDir: join(dir, "lessons") });
  if (problems.length > 0 || !plans[0]) throw new Error(`test scenario did not load:\n${problems.join("\n")}`);
  return plans[0];
}
