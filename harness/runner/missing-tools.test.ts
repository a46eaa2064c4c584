import { chmod, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { SandboxRequest } from "../sandbox/sandbox-provider.js";
import { LocalTerminal } from "../terminal/local-terminal.js";
import { missingTools } from "./missing-tools.js";
import { runScenario } from "./run-scenario.js";
import { FakeProvider, FakeSandbox, planFromSteps } from "./test-support/fake-sandbox.js";

const COMPOSE_STEPS = `
  - run: docker compose up -d
  - run: docker compose ps
`;

/** A docker CLI on PATH that has no plugins at all: `docker compose …` fails as a bare CLI's does. */
async function bareDockerPath(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "dockproof-bare-docker-"));
  const script = [
    "#!/bin/sh",
    'case "$1" in',
    '  version) echo "26.1.5|26.1.5" ;;',
    "  compose|buildx) echo \"unknown shorthand flag: 'd' in -d\" >&2; exit 125 ;;",
    "esac",
  ].join("\n");
  await writeFile(join(dir, "docker"), `${script}\n`);
  await chmod(join(dir, "docker"), 0o755);
  return `${dir}:${process.env.PATH}`;
}

/** Sandboxes whose terminal's docker is the bare one, under an engine key of their own (engine facts are cached by it). */
class BareProvider extends FakeProvider {
  constructor(private readonly path: string) {
    super();
  }

  override async start(request: SandboxRequest) {
    this.requests.push(request);
    const sandbox = new FakeSandbox(new Map(), request.workdir);
    Object.assign(sandbox, { engineKey: "bare-docker", terminal: new LocalTerminal(request.workdir, { PATH: this.path }) });
    this.started.push(sandbox);
    return sandbox;
  }
}

describe("a scenario needing a CLI plugin its engine lacks", () => {
  it("reads what the plan needs: the plugin, with the first step's command and line", async () => {
    const plan = await planFromSteps(COMPOSE_STEPS);
    expect(plan.plugins).toEqual([{ plugin: "compose", command: "docker compose up -d", line: expect.any(Number) }]);
    expect(missingTools(plan, ["buildx", "compose"], "engine modern")).toBeNull();
    expect(missingTools(plan, null, "engine modern")).toBeNull();
    expect(missingTools(plan, ["buildx"], "engine bare")?.text).toMatch(
      /^`docker compose up -d` needs the compose plugin, which engine bare lacks \(scenario line \d+\): nothing of this scenario ran/,
    );
  });

  it("is skipped before any sandbox starts when the engine declares it lacks the plugin, with the reason", async () => {
    const provider = new FakeProvider();
    const plan = await planFromSteps(COMPOSE_STEPS);
    const report = await runScenario(plan, { sandboxes: provider, engine: "bare", probeRef: "probe", plugins: ["buildx"] });
    expect(report.status).toBe("skipped");
    expect(provider.requests).toEqual([]);
    expect(report.steps.map((step) => step.status)).toEqual(["skipped", "skipped", "skipped"]);
    expect(report.steps[0]?.evidence).toEqual({ reason: "skipped: engine bare has no compose plugin" });
    expect(report.findings[0]).toMatchObject({ kind: "environment-limitation", text: expect.stringContaining("needs the compose plugin") });
  });

  it("is skipped when the sandbox's own docker has no plugin, though the engine declared one; nothing of it runs", async () => {
    const provider = new BareProvider(await bareDockerPath());
    const plan = await planFromSteps(COMPOSE_STEPS);
    const report = await runScenario(plan, { sandboxes: provider, engine: "liar", probeRef: "probe", plugins: ["buildx", "compose"] });
    expect(report.status).toBe("skipped");
    expect(report.engine?.plugins).toEqual([]);
    expect(report.steps[0]?.evidence).toEqual({ reason: "skipped: the sandbox's docker (engine liar) has no compose plugin" });
    expect(report.steps.every((step) => step.command === null)).toBe(true);
    expect(provider.started[0]?.stops).toBe(1);
  });

  it("the twin: a scenario that needs no plugin runs on the same bare docker, and fails there on its own", async () => {
    const provider = new BareProvider(await bareDockerPath());
    const plan = await planFromSteps(`
  - run: sh -c "exit 3"
`);
    const report = await runScenario(plan, { sandboxes: provider, engine: "liar", probeRef: "probe", plugins: [] });
    expect(report.status).toBe("failed");
  });
});
