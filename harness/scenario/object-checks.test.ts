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

/** Problems of a scenario working in a folder `notes-app` that holds a compose file. */
async function problemsOf(steps: string[]): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), "dockproof-objects-"));
  await mkdir(join(dir, "lessons"));
  await writeFile(join(dir, "lessons", "fake.txt"), "Fake lesson ->\n\ndocker compose up -d\n");
  await mkdir(join(dir, "notes-app"));
  await writeFile(join(dir, "notes-app", "compose.yaml"), COMPOSE);
  const header =
    'schemaVersion: 1\nname: objects\nlesson: { file: fake.txt, section: "Fake lesson ->" }\nworkdir: notes-app\nimages: [dockproof/probe]\nsteps:\n';
  await writeFile(join(dir, "scenario.yaml"), header + steps.map((step) => `  - run: ${step}\n`).join(""));
  const { problems } = await loadPlans([join(dir, "scenario.yaml")], { lessonsDir: join(dir, "lessons") });
  return problems.map((problem) => problem.replace(/^.*?steps/, "steps"));
}

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
