import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultLessonsDir } from "../support/paths.js";
import { isImageReference } from "./image-reference.js";
import { dockerfileFroms } from "./image-needs.js";
import { loadScenarioFile } from "./index.js";

const options = { lessonsDir: defaultLessonsDir(), knownImages: ["dockproof/probe", "node:20", "mongo", "nginx"] };

async function load(images: string, body: string) {
  const dir = await mkdtemp(path.join(tmpdir(), "dockproof-images-"));
  const file = path.join(dir, "s.yaml");
  const head = `schemaVersion: 1\nname: t\nlesson: { file: docker-layers-volumes-networks.txt, section: "Network ->" }\nimages: ${images}\n`;
  await writeFile(file, `${head}${body}`);
  const result = await loadScenarioFile(file, options);
  return { problems: result.problems.map((p) => `${p.line}:${p.col} ${p.message}`), notes: (result.notes ?? []).map((p) => p.message) };
}

describe("image references", () => {
  it("reads references as the docker CLI does", () => {
    for (const good of ["nginx", "nginx:1.27-alpine", "dockproof/probe", "localhost:5000/team/app:v1", `redis@sha256:${"a".repeat(64)}`])
      expect(isImageReference(good), good).toBe(true);
    for (const bad of ["Nginx", "nginx:", ":1", "nginx::1", "a b", "-x", "nginx:-tag", `x:${"t".repeat(129)}`])
      expect(isImageReference(bad), bad).toBe(false);
  });

  it("reads a Dockerfile's FROM images, leaving out stages, scratch and ARG-built names", () => {
    const text = "ARG BASE=node:20\nFROM node:18 AS build\nFROM build\nFROM ${BASE}\nFROM scratch\nFROM --platform=linux/amd64 nginx AS web\n";
    expect(dockerfileFroms(text)).toEqual([
      { ref: "node:18", line: 2 },
      { ref: "nginx", line: 6 },
    ]);
  });

  it("a lesson line run by a step names its image: refused unless images lists it", async () => {
    const steps = "steps:\n  - run: { lesson: 95 }\n";
    expect((await load("[dockproof/probe]", steps)).problems).toEqual([
      '6:10 steps[0].run: `docker run` names the image "mongo": expected it in images: [dockproof/probe] (add it there, so it is pulled or substituted before the sandbox starts)',
    ]);
    expect((await load("[mongo]", steps)).problems).toEqual([]);
  });

  it("a lesson Dockerfile a build reads starts FROM an image images must list, at its line in the written file", async () => {
    const body = (before: string) => `lessonFiles:\n  - path: Dockerfile\n    lines: [26, 41]\n${before}steps:\n  - run: { lesson: 127 }\n`;
    expect((await load("[dockproof/probe]", body('    before: "# the lesson\'s file:"\n'))).problems).toEqual([
      '10:10 steps[0].run: Dockerfile:2: FROM "node:20": expected the image in images: [dockproof/probe] (add it there, or build FROM one that is)',
    ]);
    expect((await load("[dockproof/probe]", body(""))).problems).toEqual([
      '9:10 steps[0].run: Dockerfile:1: FROM "node:20": expected the image in images: [dockproof/probe] (add it there, or build FROM one that is)',
    ]);
    expect((await load('["node:20"]', body(""))).problems).toEqual([]);
  });

  it("nginx and nginx:latest are one image; a shell line's segments are each read", async () => {
    const steps = "steps:\n  - run: mkdir site && docker run -d nginx:latest\n    shell: true\n";
    expect((await load("[nginx]", steps)).problems).toEqual([]);
    expect((await load("[dockproof/probe]", steps)).problems).toHaveLength(1);
  });

  it("an image with no offline substitute loads, with a note that offline it skips the scenario", async () => {
    const { problems, notes } = await load('["postgres:16"]', "steps:\n  - run: docker run -d postgres:16\n");
    expect(problems).toEqual([]);
    expect(notes).toEqual([
      'images[0]: "postgres:16" has no offline substitute (dockproof supplies dockproof/probe, node:20, mongo, nginx): it is pulled, and where no registry answers the scenario is skipped',
    ]);
    expect((await load("[nginx]", "steps:\n  - run: docker run -d nginx\n")).notes).toEqual([]);
  });
});
