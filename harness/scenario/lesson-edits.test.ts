import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixScenarios } from "../cli/fix-scenarios.js";
import { defaultLessonsDir, repoRoot } from "../support/paths.js";
import { loadPlans } from "./load-scenarios.js";

const LESSON = "docker-layers-volumes-networks.txt";
const seed = await readFile(path.join(defaultLessonsDir(), LESSON), "utf8");
const lines = seed.split("\n");

/** A copy of the lessons with `edit` applied, in a folder of its own. */
async function lessonsWith(edit: (lines: string[]) => string[]): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "dockproof-lesson-edit-"));
  await writeFile(path.join(dir, LESSON), edit([...lines]).join("\n"));
  return dir;
}

const v2 = path.join(repoRoot, "scenarios/volumes/v2-with-volume.yaml");
const n2 = path.join(repoRoot, "scenarios/networks/n2-custom-network.yaml");

describe("scenarios follow the lesson's edits (scenarios/lesson-baselines/ holds the text they were fixed against)", () => {
  it("a prose line prepended: every scenario still loads, with moved notes, and runs the same commands at their new lines", async () => {
    const lessonsDir = await lessonsWith((text) => ["A new first line of prose.", ...text]);
    const { plans, problems, notes } = await loadPlans([path.join(repoRoot, "scenarios")], { lessonsDir });
    expect(problems).toEqual([]);
    expect(notes.some((note) => note.includes("steps[1].run.lesson: lesson line 95 is now 96"))).toBe(true);
    const plan = plans.find((candidate) => candidate.file.endsWith("v2-with-volume.yaml"));
    const mount = plan?.steps[1];
    expect(mount?.kind === "run" && { line: mount.fromLesson?.line, text: mount.commandText, changed: mount.fromLesson?.was }).toEqual({
      line: 96,
      text: "docker run -v volume_database:/data/db -p 27017:27017 mongo",
      changed: null,
    });
    expect(plan?.lesson.lines).toEqual([88, 108]);
    expect(plan?.lessonChanges).toEqual([]);
  });

  it("lines 95 and 105 mounting /data: V2 loads, runs the new text and carries both changes (was -> now)", async () => {
    const lessonsDir = await lessonsWith((text) =>
      text.map((line, index) => ([94, 104].includes(index) ? line.replace(":/data/db", ":/data") : line)),
    );
    const { plans, problems } = await loadPlans([v2], { lessonsDir });
    expect(problems).toEqual([]);
    const [plan] = plans;
    const runs = plan?.steps.filter((step) => step.kind === "run" && step.fromLesson?.was) ?? [];
    expect(runs.map((step) => step.kind === "run" && step.commandText)).toEqual([
      "docker run -v volume_database:/data -p 27017:27017 mongo",
      "docker run -v volume_database:/data -p 27017:27017 mongo",
    ]);
    expect(plan?.lessonChanges.map((change) => [change.line, change.was, change.now])).toEqual([
      [95, "docker run -v volume_database:/data/db -p 27017:27017 mongo", "docker run -v volume_database:/data -p 27017:27017 mongo"],
      [105, "docker run -v volume_database:/data/db -p 27017:27017 mongo", "docker run -v volume_database:/data -p 27017:27017 mongo"],
    ]);
  });

  it("a lesson file's range (L4b's Dockerfile, lines 26-41) reports every line edited inside it, not just its ends", async () => {
    const l4b = path.join(repoRoot, "scenarios/layers/l4-lesson-dockerfile-cache.yaml");
    const unchanged = await loadPlans([l4b], { lessonsDir: await lessonsWith((text) => text) });
    expect(unchanged.plans[0]?.lessonChanges).toEqual([]);
    // npm install moved below COPY . . (line 33 blank, line 38 the install): what the build runs changed twice.
    const lessonsDir = await lessonsWith((text) => text.map((line, index) => (index === 32 ? "" : index === 37 ? "RUN npm install" : line)));
    const { plans, problems, notes } = await loadPlans([l4b], { lessonsDir });
    expect(problems).toEqual([]);
    expect(plans[0]?.lessonChanges.map((change) => [change.line, change.now])).toEqual(
      expect.arrayContaining([
        [33, ""],
        [38, "RUN npm install"],
      ]),
    );
    expect(notes.some((note) => /inside lesson file Dockerfile, changed: .*; the new text runs/.test(note))).toBe(true);
  });

  it("an edit on a lesson file's own end line (41, the CMD) is reported once, not once as an end and again as inside", async () => {
    const l4b = path.join(repoRoot, "scenarios/layers/l4-lesson-dockerfile-cache.yaml");
    const lessonsDir = await lessonsWith((text) => text.map((line, index) => (index === 40 ? line.replace("dist/index.js", "dist/main.js") : line)));
    const { plans, notes } = await loadPlans([l4b], { lessonsDir });
    expect(plans[0]?.lessonChanges.map((change) => change.line)).toEqual([41]);
    expect(notes.filter((note) => note.includes("lesson line 41"))).toHaveLength(1);
  });

  // Its twin (the lesson unchanged, an image not listed: a load problem) is in image-references.test.ts.
  it("a lesson edit that leaves a later step's image unbuilt (line 127 tags image_tag2): a note, and the new text runs", async () => {
    const lessonsDir = await lessonsWith((text) => text.map((line, index) => (index === 126 ? line.replace("image_tag", "image_tag2") : line)));
    const { plans, problems, notes } = await loadPlans([n2], { lessonsDir });
    expect(problems).toEqual([]);
    expect(plans).toHaveLength(1);
    expect(notes.some((note) => /names the image "image_tag".*the lesson changed since this scenario was fixed \(line 127\)/.test(note))).toBe(true);
  });

  it("a line the scenario runs that is gone is a load problem naming the nearest lines", async () => {
    const lessonsDir = await lessonsWith((text) => text.filter((_, index) => index !== 130));
    const { problems } = await loadPlans([n2], { lessonsDir });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /steps\[1\]\.run\.lesson: expected lesson line 131 \("docker network create my_custom_network"\) in docker-layers-volumes-networks\.txt, found it gone; nearest now: line 134 "docker run -d -p 3000:3000 --name backend --network my_custom_netwo\.\.\.", line 129 "1\. Create a network"/,
    );
  });

  it("without a baseline, a line number means that line now: the same prepended line breaks the scenario (the old behaviour)", async () => {
    const project = await mkdtemp(path.join(tmpdir(), "dockproof-no-baseline-"));
    await mkdir(path.join(project, "s"));
    await writeFile(path.join(project, "package.json"), "{}");
    await writeFile(
      path.join(project, "s", "v.yaml"),
      `schemaVersion: 1\nname: v\nlesson: { file: ${LESSON}, section: "With volumes ->" }\nimages: [mongo]\nsteps:\n  - run: { lesson: 91 }\n`,
    );
    const lessonsDir = await lessonsWith((text) => ["prepended", ...text]);
    const { problems } = await loadPlans([path.join(project, "s", "v.yaml")], { lessonsDir });
    expect(problems[0]).toContain('expected lesson line 91 to show a command for the step to run, found "an empty line"');
  });
});

describe("dockproof fix", () => {
  it("rewrites the line numbers in place, comments and layout kept, and records the lesson as the new baseline", async () => {
    const project = await mkdtemp(path.join(tmpdir(), "dockproof-fix-"));
    const scenarios = path.join(project, "scenarios");
    await mkdir(path.join(scenarios, "lesson-baselines"), { recursive: true });
    await writeFile(path.join(project, "package.json"), "{}");
    await writeFile(path.join(scenarios, "lesson-baselines", LESSON), seed);
    const original = [
      "schemaVersion: 1",
      "name: v",
      `lesson: { file: ${LESSON}, section: "With volumes ->", lines: [87, 107] }`,
      "images: [mongo]",
      "steps:",
      "  # the volume first",
      "  - run: { lesson: 91 }   # create it",
      "    cites: [89, 93]",
      "",
    ].join("\n");
    await writeFile(path.join(scenarios, "v.yaml"), original);
    const lessonsDir = await lessonsWith((text) => ["one", "two", ...text]);
    const result = await fixScenarios([scenarios], lessonsDir);
    expect(result.problems).toEqual([]);
    expect(result.changes).toContain(`${path.join(scenarios, "v.yaml")}: steps.0.run.lesson 91 -> 93`);
    expect(await readFile(path.join(scenarios, "v.yaml"), "utf8")).toBe(
      original.replace("[87, 107]", "[89, 109]").replace("lesson: 91 }", "lesson: 93 }").replace("[89, 93]", "[91, 95]"),
    );
    expect(await readFile(path.join(scenarios, "lesson-baselines", LESSON), "utf8")).toBe(`${["one", "two", ...lines].join("\n")}\n`);
    // Fixed: the same lesson now loads with no notes at all.
    expect((await loadPlans([scenarios], { lessonsDir })).notes).toEqual([]);
  });

  it("writes nothing when a referenced line is gone", async () => {
    const project = await mkdtemp(path.join(tmpdir(), "dockproof-fix-gone-"));
    const scenarios = path.join(project, "scenarios");
    await mkdir(path.join(scenarios, "lesson-baselines"), { recursive: true });
    await writeFile(path.join(project, "package.json"), "{}");
    await writeFile(path.join(scenarios, "lesson-baselines", LESSON), seed);
    const text = `schemaVersion: 1\nname: v\nlesson: { file: ${LESSON}, section: "With volumes ->" }\nimages: [mongo]\nsteps:\n  - run: { lesson: 91 }\n`;
    await writeFile(path.join(scenarios, "v.yaml"), text);
    const lessonsDir = await lessonsWith((all) => all.filter((_, index) => index !== 90));
    const result = await fixScenarios([scenarios], lessonsDir);
    expect(result.problems[0]).toContain("found it gone");
    expect(await readFile(path.join(scenarios, "v.yaml"), "utf8")).toBe(text);
    expect(await readFile(path.join(scenarios, "lesson-baselines", LESSON), "utf8")).toBe(seed);
  });
});
