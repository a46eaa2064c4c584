import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadScenarioFile } from "./load-scenario.js";
import { formatProblem } from "./problem.js";
import { defaultLessonsDir, repoRoot } from "../support/paths.js";

const lessonsDir = defaultLessonsDir();
let dir = "";
const scenario = (dockerfileLessonLine: number) => `schemaVersion: 1
name: lesson dockerfile
lesson: { file: docker-layers-volumes-networks.txt, section: "Optimising Dockerfile ->" }
workdir: app
images: ["node:20"]
steps:
  - run: docker build -t image_tag .
    dockerfileLessonLine: ${dockerfileLessonLine}
`;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "dockproof-lesson-dockerfile-"));
  await writeFile(path.join(dir, "package.json"), "{}");
  await mkdir(path.join(dir, "app"));
  await writeFile(path.join(dir, "app", "Dockerfile"), await readFile(path.join(repoRoot, "fixtures/lesson-app/Dockerfile"), "utf8"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const load = async (text: string) => {
  const file = path.join(dir, "s.yaml");
  await writeFile(file, text);
  return loadScenarioFile(file, { lessonsDir, knownImages: ["node:20"] });
};

describe("dockerfileLessonLine", () => {
  it("accepts the lesson's Dockerfile copied verbatim from line 26", async () => {
    const { problems, scenario: loaded } = await load(scenario(26));
    expect(problems.map(formatProblem)).toEqual([]);
    expect(loaded?.steps[0]).toMatchObject({ dockerfileLessonLine: 26 });
  });

  it("rejects a start line that does not match, naming the first differing line", async () => {
    const { problems } = await load(scenario(27));
    expect(problems.map((problem) => problem.message)).toEqual([
      expect.stringMatching(
        /^steps\[0\].dockerfileLessonLine: expected Dockerfile line 1 to be lesson line 27 verbatim \(""\), found "FROM node:20"$/,
      ),
    ]);
  });

  it("rejects a Dockerfile that was quietly fixed", async () => {
    const original = await readFile(path.join(dir, "app", "Dockerfile"), "utf8");
    await writeFile(path.join(dir, "app", "Dockerfile"), original.replace('CMD ["node", "dist/index.js", ]', 'CMD ["node", "dist/index.js"]'));
    const { problems } = await load(scenario(26));
    expect(problems.map((problem) => problem.message)).toEqual([
      expect.stringContaining(
        'to be lesson line 41 verbatim ("CMD [\\"node\\", \\"dist/index.js\\", ]"), found "CMD [\\"node\\", \\"dist/index.js\\"]"',
      ),
    ]);
    await writeFile(path.join(dir, "app", "Dockerfile"), original);
  });
});
