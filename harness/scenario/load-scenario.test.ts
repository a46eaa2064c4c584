import path from "node:path";
import { fileURLToPath } from "node:url";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { formatProblem, loadScenarioFile, type LoadOptions } from "./index.js";
import { defaultLessonsDir } from "../support/paths.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const options: LoadOptions = { lessonsDir: defaultLessonsDir(), knownImages: ["dockproof/probe", "node:20", "mongo"] };

async function loadText(text: string | Buffer) {
  const dir = await mkdtemp(path.join(tmpdir(), "dockproof-scenario-"));
  const file = path.join(dir, "s.yaml");
  await writeFile(file, text);
  return loadScenarioFile(file, options);
}
const messages = async (text: string | Buffer) => (await loadText(text)).problems.map((p) => `${p.line}:${p.col} ${p.code} ${p.message}`);

const VALID_HEAD = `schemaVersion: 1
name: t
lesson: { file: docker-layers-volumes-networks.txt, section: "Network ->" }
images: [dockproof/probe, mongo]
steps:
`;

describe("loadScenarioFile: the valid example", () => {
  it("loads with typed steps, ms durations, parsed commands and lines", async () => {
    const file = path.relative(process.cwd(), path.join(here, "__fixtures__/valid.yaml"));
    const { scenario, problems } = await loadScenarioFile(file, options);
    expect(problems.map(formatProblem)).toEqual([]);
    expect(scenario?.file).toBe(file);
    expect(scenario?.absoluteFile).toBe(path.resolve(file));
    expect(scenario?.scenario).toMatchObject({ name: "N1 default bridge", timeoutMs: 180_000, images: ["dockproof/probe"] });
    expect(scenario?.lesson.text(112)).toBe("Network ->");
    expect(scenario?.plan.publishedPorts).toEqual([8080]);
    const steps = scenario?.plan.steps ?? [];
    expect(steps.map((s) => s.line)).toEqual([13, 17, 21, 22, 26, 30, 34, 36]);
    expect(steps[0]).toMatchObject({ spec: { capture: "alpha_id", timeoutMs: 60_000, background: false, expect: {} }, cites: [115] });
    // No exit code written: 0 is expected when the command runs (an interrupted one is not judged by it).
    expect((steps[0] as { spec: { expect: { exitCode?: number } } }).spec.expect.exitCode).toBeUndefined();
    expect(steps[1]).toMatchObject({ command: { variables: ["alpha_id"] } });
    expect(steps[4]).toMatchObject({ spec: { check: "reachable", timeoutMs: 10_000, eventuallyMs: 20_000 } });
    expect(steps[5]).toMatchObject({ spec: { check: "unreachable", timeoutMs: 2000 } });
    expect(steps[6]).toMatchObject({
      spec: { quotes: 131 },
      command: { tokens: [[{ literal: "docker" }], [{ literal: "network" }], [{ literal: "create" }], [{ literal: "my_custom_network" }]] },
    });
  });
});

describe("loadScenarioFile: guards before parsing", () => {
  it("reports a missing file", async () => {
    expect(await loadScenarioFile("/nonexistent/x.yaml", options)).toEqual({
      problems: [expect.objectContaining({ code: "E_FILE_NOT_FOUND", line: 1, col: 1 })],
    });
  });

  it.each([
    ["   \n\n", /E_FILE_EMPTY empty file, expected a mapping with schemaVersion: 1/],
    [Buffer.from("name: a\nx: \u0000\n"), /^2:4 E_FILE_BINARY binary file \(NUL byte\)/],
    [Buffer.from([0x6e, 0x3a, 0x20, 0xff, 0xfe, 0x0a]), /E_FILE_BINARY binary file \(invalid UTF-8\)/],
    ["x".repeat(1024 * 1024 + 1), /E_FILE_TOO_LARGE file is 1\.0 MiB \(1048577 bytes\), over the 1\.0 MiB limit/],
  ])("rejects %#", async (text, message) => {
    const found = await messages(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });

  it("stops an alias bomb", async () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (const name of "bcdefgh")
      bomb.push(
        `${name}: &${name} [${Array(10)
          .fill(`*${String.fromCharCode(name.charCodeAt(0) - 1)}`)
          .join(", ")}]`,
      );
    const found = await messages(bomb.join("\n"));
    expect(found).toEqual([expect.stringMatching(/^2:\d+ E_YAML_ALIASES too many alias expansions/)]);
  });
});

describe("loadScenarioFile: problems", () => {
  it("reports three independent errors as three problems, in file order", async () => {
    const found = await messages(`${VALID_HEAD}  - run: docker logs \${web_id}
    timeout: -5s
  - run: docker run -d --name web dockproof/probe sleep infinity
    capture: web_id
    captur: typo
`);
    expect(found).toEqual([
      "6:10 E_UNDEFINED_VARIABLE steps[0].run: `${web_id}` is used at line 6 but first captured at line 9 (later)",
      '7:14 E_SCHEMA steps[0].timeout: expected a duration like "30s" (ms|s|m, > 0, <= 30m), found "-5s"',
      expect.stringMatching(
        /^10:5 E_UNKNOWN_KEY steps\[1\]\.captur: unknown key "captur" \(did you mean "capture"\?\); expected one of: name, .*background/,
      ),
    ]);
  });

  it("reports only the version for another schemaVersion", async () => {
    expect(await messages('schemaVersion: "1"\nbogus: true\n')).toEqual([
      '1:16 E_SCHEMA_VERSION schemaVersion: expected 1 (the only version this dockproof reads), found "1"',
    ]);
  });

  it("reports a document that is not a mapping", async () => {
    expect(await messages("- run: x\n")).toEqual(["1:1 E_SCHEMA expected a mapping with schemaVersion: 1, found a list"]);
  });

  it("reports missing required keys at the mapping that lacks them", async () => {
    expect(await messages("schemaVersion: 1\nlesson:\n  file: docker-layers-volumes-networks.txt\n")).toEqual([
      "1:1 E_SCHEMA name: missing, expected a scenario name (a non-empty string)",
      "1:1 E_SCHEMA images: missing, expected a list of image references",
      "1:1 E_SCHEMA steps: missing, expected a list of steps",
      "3:3 E_SCHEMA lesson.section: missing, expected a section heading (a line of the lesson file)",
    ]);
  });

  it("rejects a lesson file outside the lessons directory or missing", async () => {
    const head = (file: string) => `${VALID_HEAD.replace("docker-layers-volumes-networks.txt", file)}  - run: docker ps\n`;
    expect((await messages(head("../../etc/passwd")))[0]).toMatch(/^3:17 E_LESSON lesson\.file: expected a file inside the lessons directory/);
    expect((await messages(head("nope.txt")))[0]).toMatch(/^3:17 E_LESSON lesson\.file: lesson file "nope.txt" not found/);
  });

  it("rejects background steps that check output, and quotes on a check step", async () => {
    const found = await messages(`${VALID_HEAD}  - run: docker logs -f web
    background: true
    capture: logs
    expect: { stdout: { contains: ready } }
  - check: logs-contain
    container: web
    text: ready
    quotes: 143
`);
    expect(found).toEqual([
      expect.stringMatching(/^8:5 E_STEP steps\[0\]\.capture: expected no `capture` with `background: true`/),
      expect.stringMatching(/^9:15 E_STEP steps\[0\]\.expect\.stdout: expected no `expect\.stdout` with `background: true`/),
      expect.stringMatching(/^13:13 E_LESSON steps\[1\]\.quotes: expected `quotes` on a run step only/),
    ]);
  });

  it("accepts a quoted lesson line whose <placeholder> is written ${placeholder}", async () => {
    const found = await messages(`${VALID_HEAD}  - run: docker run -d mongo
    capture: container_id
  - run: docker kill \${container_id}
    quotes: 77
`);
    expect(found).toEqual([]);
  });
});
