import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadPlans } from "./load-scenarios.js";

const COMPOSE = [
  "services:",
  "  backend:",
  "    image: dockproof/probe",
  "  db:",
  "    image: dockproof/probe",
  "    container_name: notes-db",
  "",
].join("\n");

/** Problems (and notes) of a scenario working in a folder `notes-app` that holds a compose file. */
async function loaded(steps: string[], lesson = "Fake lesson ->\n\ndocker compose up -d\n") {
  const dir = await mkdtemp(join(tmpdir(), "dockproof-objects-"));
  await mkdir(join(dir, "lessons"));
  await writeFile(join(dir, "lessons", "fake.txt"), lesson);
  await mkdir(join(dir, "notes-app"));
  await writeFile(join(dir, "notes-app", "compose.yaml"), COMPOSE);
  const header =
    'schemaVersion: 1\nname: objects\nlesson: { file: fake.txt, section: "Fake lesson ->" }\nworkdir: notes-app\nimages: [dockproof/probe]\nsteps:\n';
  await writeFile(join(dir, "scenario.yaml"), header + steps.map((step) => `  - run: ${step}\n`).join(""));
  const { problems, notes } = await loadPlans([join(dir, "scenario.yaml")], { lessonsDir: join(dir, "lessons") });
  const short = (list: string[]) => list.map((problem) => problem.replace(/^.*?steps/, "steps"));
  return { problems: short(problems), notes: short(notes) };
}
const problemsOf = async (steps: string[]) => (await loaded(steps)).problems;

const USES = [
  "docker exec notes-app-backend-1 ls",
  "docker logs notes-db",
  "docker volume rm notes-app_data",
  "docker network inspect notes-app_default",
];

describe("objects a compose project makes", () => {
  it("compose up makes <project>-<service>-N containers, container_name ones, and <project>_ networks and volumes", async () => {
    expect(await problemsOf(["docker compose up -d", ...USES])).toEqual([]);
  });

  it("the twin: the same steps without compose up act on objects nothing made, each a problem", async () => {
    const problems = await problemsOf(USES);
    expect(problems.map((problem) => /acts on (\w+ \S+), which no earlier step/.exec(problem)?.[1])).toEqual([
      "container notes-app-backend-1",
      "container notes-db",
      "volume notes-app_data",
      "network notes-app_default",
    ]);
  });

  it("-p names the project: its objects are made, the folder's name is not", async () => {
    const problems = await problemsOf(["docker compose -p other up -d", "docker exec other-backend-1 ls", "docker exec notes-app-backend-1 ls"]);
    expect(problems).toEqual([expect.stringContaining("acts on container notes-app-backend-1")]);
  });
});

describe("a lesson command acting on an object", () => {
  const LESSON = [
    "Fake lesson ->",
    "",
    "docker compose up -d",
    "",
    "docker logs notes-app-backend-1",
    "",
    "docker rm -f web",
    "",
    "docker compose down",
    "",
  ].join("\n");

  it("the lesson never made before it: a note, the run decides and a failure is the lesson's", async () => {
    const { problems, notes } = await loaded(["{ lesson: 7 }"], LESSON);
    expect(problems).toEqual([]);
    expect(notes.join("\n")).toMatch(/acts on container web, which neither this scenario nor the lesson before line 7 makes: the run decides/);
  });

  it("the lesson made before it (its compose up, by the folder's project name): the scenario must make it too, a problem", async () => {
    const { problems } = await loaded(["{ lesson: 5 }"], LESSON);
    expect(problems.join("\n")).toMatch(/acts on container notes-app-backend-1, which no earlier step of this scenario makes/);
  });

  it("compose down of a project nothing made stays a problem: it would exit 0 acting on nothing", async () => {
    const { problems } = await loaded(["{ lesson: 3 }"], ["Fake lesson ->", "", "docker compose down", ""].join("\n"));
    expect(problems.join("\n")).toMatch(/acts on compose project \., which no earlier step of this scenario makes/);
  });
});
