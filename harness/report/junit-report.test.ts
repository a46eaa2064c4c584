import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { junitXml } from "./junit-report.js";
import type { ScenarioReport, ScenarioStatus } from "../model/report-types.js";

const scenario = (name: string, status: ScenarioStatus, extra: Partial<ScenarioReport> = {}): ScenarioReport => ({
  file: `scenarios/volumes/${name}.yaml`,
  name,
  engine: { name: "modern", client: "26.1.5", server: "26.1.5", builder: "buildkit" },
  lesson: { file: "lesson.txt", section: "Volumes", lines: [90, 100] },
  status,
  durationMs: 1500,
  sandbox: null,
  images: [],
  steps: [],
  findings: [],
  error: null,
  ...extra,
});

const parse = (xml: string) => {
  const cases = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (name) => ["testcase", "property"].includes(name) }).parse(
    xml,
  ).testsuites.testsuite.testcase as Array<Record<string, unknown>>;
  return new Map(cases.map((testCase) => [String(testCase.name).replace(/ \[.*\]$/, ""), testCase]));
};

describe("junitXml", () => {
  const lost = { code: "E_SANDBOX_LOST", message: "the sandbox's daemon stopped (container exited, exit code 137)" };
  const cases = parse(
    junitXml({
      scenarios: [
        scenario("ok", "passed"),
        scenario("red", "failed", { error: { code: "E_EXPECTATION", message: "expected 3 documents, found 0" } }),
        scenario("dead", "error", { error: lost }),
        scenario("retried", "passed", { attempts: [{ status: "error", error: lost }] }),
        scenario("unsure", "unverified", {
          findings: [{ kind: "unverified", text: "the stand-in lacks auth", lessonFile: "lesson.txt", lessonLine: 93, step: null }],
        }),
        scenario("known", "known-issue"),
      ],
    }),
  );

  const propertiesOf = (name: string) =>
    (cases.get(name)?.properties as { property: Array<{ name: string; value: string }> } | undefined)?.property ?? [];

  it("makes a machine fault an <error>, never a <failure>", () => {
    expect(cases.get("dead")?.error).toMatchObject({ type: "E_SANDBOX_LOST", message: lost.message });
    expect(cases.get("dead")?.failure).toBeUndefined();
  });

  it("makes a failed claim a <failure>, never an <error>", () => {
    expect(cases.get("red")?.failure).toMatchObject({ type: "E_EXPECTATION", message: "expected 3 documents, found 0" });
    expect(cases.get("red")?.error).toBeUndefined();
  });

  it("never reports an unverified claim as a pass: it is <skipped>, with the reason in its output", () => {
    expect(cases.get("unsure")).toHaveProperty("skipped");
    expect(String(cases.get("unsure")?.["system-out"])).toContain("the stand-in lacks auth");
    expect(cases.get("ok")).not.toHaveProperty("skipped");
  });

  it("records the attempts of a scenario retried after a machine fault", () => {
    const properties = propertiesOf("retried");
    expect(properties).toContainEqual({ name: "dockproof.attempt1", value: `error: ${lost.message}` });
    expect(cases.get("retried")).not.toHaveProperty("error");
  });

  it("names the engine in each testcase and keeps known issues passing with their status", () => {
    const known = propertiesOf("known");
    expect(known).toContainEqual({ name: "dockproof.status", value: "known-issue" });
    expect(known).toContainEqual({ name: "dockproof.lessonLines", value: "lesson.txt:90-100" });
    expect(cases.get("known")).not.toHaveProperty("failure");
  });
});
