import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadPlans } from "./load-scenarios.js";
import type { ScenarioStamp } from "./scenario-stamp.js";
import { compareStamps } from "./scenario-stamp-compare.js";

// A project of its own (package.json marks it), with a lesson, its baseline, a scenario and the app it runs in.
const LESSON = [
  "Networks ->", // 1
  "docker network create net1", // 2: run
  "Some prose about networks.", // 3: in the range, run or cited by nothing
  "docker run -d --name a --network net1 dockproof/probe sleep infinity", // 4: cited
  "More prose.", // 5
].join("\n");

const SCENARIO = `schemaVersion: 1
name: "T stamp"
lesson:
  file: lesson.txt
  section: "Networks ->"
  lines: [1, 5]
workdir: app
images: [dockproof/probe]
steps:
  - run: { lesson: 2 }
  # the lesson's container, started as a step of our own
  - run: docker run -d --name a --network net1 dockproof/probe sleep infinity
    cites: 4
    expect: { exitCode: 0 }
`;

let root = "";
const at = (...parts: string[]) => path.join(root, ...parts);

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "dockproof-stamp-"));
  await writeFile(at("package.json"), "{}\n");
  await mkdir(at("lessons"));
  await mkdir(at("scenarios/lesson-baselines"), { recursive: true });
  await mkdir(at("scenarios/app"));
  await writeFile(at("lessons/lesson.txt"), LESSON);
  await writeFile(at("scenarios/lesson-baselines/lesson.txt"), LESSON);
  await writeFile(at("scenarios/t.yaml"), SCENARIO);
  await writeFile(at("scenarios/app/Dockerfile"), "FROM dockproof/probe\n");
  await writeFile(at("scenarios/app/server.js"), "console.log('hi')\n");
});
afterEach(() => rm(root, { recursive: true, force: true }));

async function stamp(): Promise<ScenarioStamp> {
  const { stamps, problems } = await loadPlans([at("scenarios/t.yaml")], { lessonsDir: at("lessons") });
  expect(problems).toEqual([]);
  const [only] = [...stamps.values()];
  if (!only) throw new Error("expected one stamp");
  return only;
}

const editLesson = async (line: number, text: string) => {
  const lines = LESSON.split("\n");
  lines[line - 1] = text;
  await writeFile(at("lessons/lesson.txt"), lines.join("\n"));
};

describe("scenario stamps", () => {
  it("hold the lines the scenario runs and cites, not the rest of its range", async () => {
    const now = await stamp();
    expect(now.lesson.spans.map((span) => [span.lines, span.text])).toEqual([
      [[2, 2], "docker network create net1"],
      [[4, 4], "docker run -d --name a --network net1 dockproof/probe sleep infinity"],
    ]);
    expect(Object.keys(now.fixtures?.files ?? {})).toEqual(["Dockerfile", "server.js"]);
  });

  it("change when a line the scenario runs changes, and say which line, was and now", async () => {
    const before = await stamp();
    await editLesson(2, "docker network create net2");
    const after = await stamp();
    expect(after.hash).not.toBe(before.hash);
    expect(compareStamps(before, after)).toEqual([
      { kind: "lesson", lines: [2, 2], now: "docker network create net2", was: { lines: [2, 2], text: "docker network create net1" } },
    ]);
  });

  it("change when a cited line changes", async () => {
    const before = await stamp();
    await editLesson(4, "docker run -d --name b --network net1 dockproof/probe sleep infinity");
    const after = await stamp();
    expect(after.hash).not.toBe(before.hash);
    expect(compareStamps(before, after).map((change) => change.kind === "lesson" && change.lines)).toEqual([[4, 4]]);
  });

  it("do not change when a line in the range that nothing runs or cites changes (the twin of the two above)", async () => {
    const before = await stamp();
    await editLesson(3, "Some other prose about networks.");
    const after = await stamp();
    expect(after.hash).toBe(before.hash);
    expect(compareStamps(before, after)).toEqual([]);
  });

  it("do not change when the text only moved (a prose line added above), though its line numbers did", async () => {
    const before = await stamp();
    await writeFile(at("lessons/lesson.txt"), `A new first line.\n${LESSON}`);
    const after = await stamp();
    expect(after.lesson.spans.map((span) => span.lines)).toEqual([
      [3, 3],
      [5, 5],
    ]);
    expect(after.hash).toBe(before.hash);
    expect(compareStamps(before, after)).toEqual([]);
  });

  it("change when a fixture file changes, is added or is removed, naming each", async () => {
    const before = await stamp();
    await writeFile(at("scenarios/app/server.js"), "console.log('changed')\n");
    await writeFile(at("scenarios/app/extra.txt"), "new\n");
    await rm(at("scenarios/app/Dockerfile"));
    const after = await stamp();
    expect(after.hash).not.toBe(before.hash);
    expect(compareStamps(before, after)).toEqual([
      { kind: "fixture", file: "Dockerfile", change: "removed" },
      { kind: "fixture", file: "extra.txt", change: "added" },
      { kind: "fixture", file: "server.js", change: "changed" },
    ]);
  });

  it("do not change for what a run never copies (node_modules) — the twin of the fixture case", async () => {
    const before = await stamp();
    await mkdir(at("scenarios/app/node_modules/x"), { recursive: true });
    await writeFile(at("scenarios/app/node_modules/x/index.js"), "module.exports = 1\n");
    expect((await stamp()).hash).toBe(before.hash);
  });

  it("change when the scenario's steps change, not when its comments or layout do", async () => {
    const before = await stamp();
    await writeFile(
      at("scenarios/t.yaml"),
      SCENARIO.replace("# the lesson's container, started as a step of our own", "# reworded").replace("lines: [1, 5]", "lines: [ 1, 5 ]"),
    );
    expect((await stamp()).hash).toBe(before.hash);
    await writeFile(at("scenarios/t.yaml"), SCENARIO.replace("exitCode: 0", "exitCode: 1"));
    const after = await stamp();
    expect(after.hash).not.toBe(before.hash);
    expect(compareStamps(before, after)).toEqual([{ kind: "scenario" }]);
  });

  it("of a lesson holding the same line twice: editing one reads as that line edited, not the other moved", async () => {
    const twice = `${LESSON}\ndocker network create net1`;
    await writeFile(at("lessons/lesson.txt"), twice);
    await writeFile(at("scenarios/lesson-baselines/lesson.txt"), twice);
    const scenario = (await readFile(at("scenarios/t.yaml"), "utf8")).replace("lines: [1, 5]", "lines: [1, 6]");
    await writeFile(at("scenarios/t.yaml"), `${scenario}  - run: { lesson: 6 }\n`);
    const before = await stamp();
    await writeFile(at("lessons/lesson.txt"), twice.replace("docker network create net1\nSome", "docker network create net9\nSome"));
    const changes = compareStamps(before, await stamp());
    expect(changes).toEqual([
      { kind: "lesson", lines: [2, 2], now: "docker network create net9", was: { lines: [2, 2], text: "docker network create net1" } },
    ]);
  });

  it("a copy of the project elsewhere has the same stamp (paths are relative)", async () => {
    const before = await stamp();
    const other = await mkdtemp(path.join(tmpdir(), "dockproof-stamp-copy-"));
    try {
      await cp(root, other, { recursive: true });
      const { stamps } = await loadPlans([path.join(other, "scenarios/t.yaml")], { lessonsDir: path.join(other, "lessons") });
      expect([...stamps.values()][0]?.hash).toBe(before.hash);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});
