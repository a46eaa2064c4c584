import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../support/paths.js";

// The real CLI, as CI runs it on a course checked out beside the scenarios.
const dockproof = (...args: string[]) => execa("node", ["bin/dockproof.mjs", ...args], { cwd: repoRoot, reject: false, all: true });
const stackTrace = /^\s+at /m;
const secretLines = async () =>
  (await readFile(path.join(repoRoot, "fixtures/invalid/lessons/outside/secret.txt"), "utf8")).split("\n").filter(Boolean);

let tmp = "";
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "dockproof-lesson-cli-"));
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe("dockproof validate with an untrusted lessons directory", () => {
  it("a lesson symlinked out: exit 2, one problem line naming the file and where it points, nothing of the target", async () => {
    const result = await dockproof("validate", "fixtures/invalid/lesson-symlink-escape.yaml", "--lessons", "fixtures/invalid/lessons/course");
    expect(result.exitCode, result.all).toBe(2);
    expect(result.stdout).toBe("");
    const lines = result.stderr.split("\n").filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^fixtures\/invalid\/lesson-symlink-escape\.yaml:4:9 lesson\.file: lesson file "escape\.txt": .* found a symlink to "\.\.\/outside\/secret\.txt", which resolves to \S+\/fixtures\/invalid\/lessons\/outside\/secret\.txt, outside it$/,
    );
    expect(lines[1]).toBe("1 problem found; nothing was run.");
    expect(result.all).not.toMatch(stackTrace);
    const lessons = await secretLines();
    expect(lessons.length).toBe(160);
    for (const line of lessons) expect(result.all).not.toContain(line);
    expect(result.all).not.toContain("SECRET-MARKER");
  }, 60_000);

  it("a 10 MB lesson and a binary one: one problem each, by size and by content", async () => {
    const lessons = path.join(tmp, "lessons");
    await mkdir(lessons);
    await writeFile(path.join(lessons, "huge.txt"), "docker run SECRET-MARKER-HUGE\n".repeat(350_000));
    await writeFile(path.join(lessons, "binary.txt"), Buffer.concat([Buffer.from("docker run SECRET-MARKER-BIN\n"), Buffer.alloc(64)]));
    const scenario = (lesson: string) =>
      `schemaVersion: 1\nname: ${lesson}\nlesson:\n  file: ${lesson}\n  section: "x"\nimages: [dockproof/probe]\nsteps:\n  - run: docker ps\n    quotes: 1\n`;
    for (const lesson of ["huge.txt", "binary.txt"]) await writeFile(path.join(tmp, `${lesson}.yaml`), scenario(lesson));
    const result = await dockproof("validate", path.join(tmp, "binary.txt.yaml"), path.join(tmp, "huge.txt.yaml"), "--lessons", lessons);
    expect(result.exitCode, result.all).toBe(2);
    expect(result.stderr.split("\n").filter(Boolean)).toEqual([
      `${path.join(tmp, "binary.txt.yaml")}:4:9 lesson.file: lesson file "binary.txt": expected UTF-8 text, found a NUL byte (0x00) at line 2, column 1, so a binary file`,
      `${path.join(tmp, "huge.txt.yaml")}:4:9 lesson.file: lesson file "huge.txt": expected at most 1.0 MiB (the limit for lesson files), found 10.0 MiB (10500000 bytes)`,
      "2 problems found; nothing was run.",
    ]);
    expect(result.all).not.toContain("SECRET-MARKER");
  }, 60_000);
});
