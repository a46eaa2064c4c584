import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultLessonsDir, repoRoot } from "../support/paths.js";
import { loadPlans } from "./load-scenarios.js";
import type { CheckPlanStep, RunPlanStep } from "../scenario/plan.js";

const lessonsDir = defaultLessonsDir();
const networks = path.join(repoRoot, "scenarios/networks");
const invalid = path.join(repoRoot, "fixtures/invalid/unknown-key.yaml");

const { plans, problems } = await loadPlans([networks], { lessonsDir });
const n1 = plans.find((plan) => plan.file.endsWith("n1-default-bridge.yaml"));
const step = (name: string) => n1?.steps.find((candidate) => candidate.name === name);

describe("loadPlans on scenarios/networks", () => {
  it("yields every plan, sorted, and no problems", () => {
    expect(problems).toEqual([]);
    expect(plans.map((plan) => path.basename(plan.file))).toEqual(["n1-default-bridge.yaml", "n2-custom-network.yaml", "n3-network-types.yaml"]);
  });

  it("resolves a workdir to the app folder it names (N2: the backend), and none where there is none", () => {
    expect(plans[1]?.workdir).toBe(path.join(repoRoot, "fixtures/backend"));
    expect(n1?.workdir).toBeNull();
  });

  it("names files relative to the cwd even when given an absolute path", () => {
    for (const plan of plans) {
      expect(path.isAbsolute(plan.file), plan.file).toBe(false);
      expect(path.dirname(path.resolve(plan.file))).toBe(networks);
    }
  });

  it("carries the lesson, images, timeout and published ports of N1", () => {
    expect(n1).toMatchObject({
      lesson: { file: "docker-layers-volumes-networks.txt", section: "Network ->", lines: [112, 116] },
      knownIssue: null,
      images: ["dockproof/probe"],
      publishedPorts: [8080],
      timeoutMs: 300_000,
    });
    expect(plans[2]?.publishedPorts).toEqual([]);
    expect(plans[1]?.publishedPorts).toEqual([3000, 27017]);
  });

  it("maps a resolve check's hostname, with its name and cited lesson line", () => {
    const check = step("alpha cannot resolve beta by name") as CheckPlanStep;
    expect(check).toMatchObject({ kind: "check", spec: { check: "does-not-resolve", from: "alpha", hostname: "beta" }, lessonLine: 115, line: 20 });
    expect(check.spec).not.toHaveProperty("target");
    const reach = step("alpha still reaches beta by IP") as CheckPlanStep;
    expect(reach).toMatchObject({ spec: { check: "reachable", target: "tcp://${beta_ip}:80", eventuallyMs: 10_000 }, lessonLine: 115 });
    expect(reach.spec).not.toHaveProperty("hostname");
  });

  it("trims a folded finding, a lesson defect", () => {
    const remark = step("alpha still reaches beta by IP")?.remark;
    expect(remark?.kind).toBe("lesson-defect");
    expect(remark?.text).toMatch(/^"Docker containers can't talk to each other by default" is only half true: .* by IP\.$/);
    expect(remark?.text).toBe(remark?.text.trim());
    expect(step("alpha cannot resolve beta by name")?.remark).toBeNull();
  });

  it("maps run steps with their parsed command, capture and default exit expectation", () => {
    const run = step("beta's IP on the default bridge") as RunPlanStep;
    expect(run).toMatchObject({
      kind: "run",
      spec: { capture: "beta_ip", background: false, timeoutMs: 60_000, expect: { stdout: { matches: "^\\d+\\.\\d+\\.\\d+\\.\\d+$" } } },
    });
    expect(run.command?.tokens.map((token) => token.map((part) => ("literal" in part ? part.literal : `\${${part.variable}}`)).join(""))).toEqual([
      "docker",
      "inspect",
      "--format",
      "{{.NetworkSettings.IPAddress}}",
      "beta",
    ]);
  });
});

describe("loadPlans on an invalid file", () => {
  it("returns no plans and every problem formatted file:line:col message", async () => {
    const relativeFile = path.relative(process.cwd(), invalid);
    const result = await loadPlans([relativeFile], { lessonsDir });
    expect(result.plans).toEqual([]);
    expect(result.problems).toHaveLength(2);
    for (const problem of result.problems) expect(problem).toMatch(/^fixtures\/invalid\/unknown-key\.yaml:\d+:\d+ \S/);
    expect(result.problems[0]).toMatch(/^fixtures\/invalid\/unknown-key\.yaml:3:1 .*unknown key "descripton" \(did you mean "description"\?\)/);
    expect(result.problems[1]).toMatch(/^fixtures\/invalid\/unknown-key\.yaml:10:5 .*unknown key "expct"/);
  });

  it("yields no plan at all when any file is invalid, valid ones included", async () => {
    const result = await loadPlans([networks, invalid], { lessonsDir });
    expect(result.plans).toEqual([]);
    expect(result.problems.length).toBeGreaterThan(0);
  });
});
