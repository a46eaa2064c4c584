import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadPlans } from "./load-scenarios.js";

const LESSON = [
  "## Tools", // 1
  "", // 2
  "Create `notes.yaml`:", // 3
  "```yaml", // 4
  "mongo-express: --version", // 5
  "```", // 6
  "```bash", // 7
  "$ mongo-express --version", // 8
  "```", // 9
  "```console", // 10
  "$ docker ps", // 11
  "docker ps shows nothing yet", // 12
  "```", // 13
];

/** A scenario of the Markdown lesson above with `steps`, loaded from a project of its own. */
async function load(steps: string) {
  const dir = await mkdtemp(path.join(tmpdir(), "dockproof-md-steps-"));
  await writeFile(path.join(dir, "package.json"), "{}\n");
  await writeFile(path.join(dir, "tools.md"), `${LESSON.join("\n")}\n`);
  const file = path.join(dir, "s.yaml");
  await writeFile(file, `schemaVersion: 1\nname: t\nlesson: { file: tools.md, section: Tools }\nimages: []\nsteps:\n${steps}`);
  return loadPlans([file], { lessonsDir: dir });
}

describe("steps running a Markdown lesson's commands", () => {
  it("a shell block's line runs without its `$ ` prompt, whatever its first word; a `quotes` copy matches it so", async () => {
    const { plans, problems } = await load("  - run: { lesson: 8 }\n  - run: mongo-express --version\n    quotes: 8\n  - run: { lesson: 11 }\n");
    expect(problems).toEqual([]);
    expect(plans[0]?.steps.map((step) => step.kind === "run" && step.commandText)).toEqual([
      "mongo-express --version",
      "mongo-express --version",
      "docker ps",
    ]);
  });

  it("the twins: a yaml block's line and a console block's output are no command to run", async () => {
    const { problems } = await load("  - run: { lesson: 5 }\n  - run: { lesson: 12 }\n");
    expect(problems).toEqual([
      expect.stringMatching(
        /steps\[0\]\.run\.lesson: expected lesson line 5 to show a command for the step to run, found "mongo-express: --version"/,
      ),
      expect.stringMatching(/steps\[1\]\.run\.lesson: expected lesson line 12 to show a command .*found "docker ps shows nothing yet"/),
    ]);
  });
});
