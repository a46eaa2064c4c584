import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadPlans } from "./load-scenarios.js";
import type { EnginePlugins } from "./plugin-notes.js";

const ENGINES: EnginePlugins[] = [
  { name: "full", plugins: { online: ["buildx", "compose"], offline: ["buildx", "compose"] } },
  { name: "bare", plugins: { online: [], offline: [] } },
  { name: "half", plugins: { online: ["compose"], offline: [] } },
];

async function load(steps: string) {
  const dir = await mkdtemp(join(tmpdir(), "dockproof-plugin-notes-"));
  await mkdir(join(dir, "lessons"));
  await writeFile(join(dir, "lessons", "l.txt"), "Compose ->\n\ndocker compose up -d\n");
  const file = join(dir, "s.yaml");
  await writeFile(file, `schemaVersion: 1\nname: n\nlesson: { file: l.txt, section: "Compose ->" }\nimages: []\nsteps:\n${steps}`);
  return { file, ...(await loadPlans([file], { lessonsDir: join(dir, "lessons"), engines: ENGINES })) };
}

describe("load notes for CLI plugins an engine lacks", () => {
  it("says at the step which engine lacks the plugin and when, once per engine; the scenario still loads", async () => {
    const { file, plans, problems, notes } = await load("  - run: { lesson: 3 }\n  - run: docker compose ps\n    shell: true\n");
    expect(problems).toEqual([]);
    expect(plans).toHaveLength(1);
    expect(notes).toEqual([
      `${file}:6:10 steps[0].run: \`docker compose up -d\` needs the compose plugin, which engine bare lacks: the scenario is skipped there, never failed (note)`,
      `${file}:6:10 steps[0].run: \`docker compose up -d\` needs the compose plugin, which engine half lacks offline (its substitute image): the scenario is skipped there, never failed (note)`,
    ]);
  });

  it("the twin: a scenario without plugin commands has no such note", async () => {
    const { notes } = await load('  - run: docker build -t compose .\n  - run: echo "docker compose up"\n');
    expect(notes).toEqual([]);
  });
});
