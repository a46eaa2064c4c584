import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lessonLineReader } from "../report/markdown-summary.js";
import type { LessonCache } from "../scenario/lesson-checks.js";
import { loadScenarioFile } from "../scenario/load-scenario.js";
import { lessonLines, MAX_LESSON_BYTES, readLessonFile } from "./lesson-file.js";

const MARKER = "SECRET-MARKER";
let dir: string;
let lessons: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "dockproof-lesson-file-"));
  lessons = path.join(dir, "lessons");
  await writeFile(path.join(dir, "package.json"), "{}\n");
  await mkdir(lessons);
  await writeFile(path.join(dir, "secret.txt"), Array.from({ length: 160 }, (_, i) => `docker run ${MARKER}-${i + 1}\n`).join(""));
  await writeFile(path.join(lessons, "lesson.txt"), "Networks ->\ndocker network ls\n");
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** A scenario that quotes and cites lines of `lesson`, so a lesson that is read would be quoted in problems. */
async function scenarioFor(lesson: string): Promise<string> {
  const file = path.join(dir, `${lesson.replace(/\W/g, "-")}.yaml`);
  const steps = [70, 71, 72].map((line) => `  - run: docker network ls\n    quotes: ${line}\n`).join("");
  await writeFile(file, `schemaVersion: 1\nname: t\nlesson:\n  file: ${lesson}\n  section: "nope"\nimages: [dockproof/probe]\nsteps:\n${steps}`);
  return file;
}
const load = async (lesson: string, cache?: LessonCache) =>
  (await loadScenarioFile(await scenarioFor(lesson), { lessonsDir: lessons, knownImages: ["dockproof/probe"] }, cache)).problems;

describe("readLessonFile", () => {
  it("splits lines without a phantom line after the final newline", () => {
    expect(lessonLines("a\r\nb\n")).toEqual(["a", "b"]);
    expect(lessonLines("a\n\n")).toEqual(["a", ""]);
    expect(readLessonFile(lessons, "lesson.txt")).toMatchObject({ lines: ["Networks ->", "docker network ls"] });
  });

  it("reads a lesson of exactly 1 MiB and refuses one byte more, and 10 MB, by size", async () => {
    await writeFile(path.join(lessons, "max.txt"), `${"x".repeat(MAX_LESSON_BYTES - 1)}\n`);
    await writeFile(path.join(lessons, "over.txt"), `${"x".repeat(MAX_LESSON_BYTES)}\n`);
    await writeFile(path.join(lessons, "huge.txt"), Buffer.alloc(10 * 1000 * 1000, 0x41));
    expect(readLessonFile(lessons, "max.txt").lines).toHaveLength(1);
    expect(readLessonFile(lessons, "over.txt").problem).toEqual({
      code: "E_FILE_TOO_LARGE",
      message: 'lesson file "over.txt": expected at most 1.0 MiB (the limit for lesson files), found 1.0 MiB (1048577 bytes)',
    });
    expect(readLessonFile(lessons, "huge.txt").problem?.message).toBe(
      'lesson file "huge.txt": expected at most 1.0 MiB (the limit for lesson files), found 9.5 MiB (10000000 bytes)',
    );
  });
});

describe("lesson checks with an untrusted lesson file", () => {
  it("reports a lesson symlinked out of the lessons directory once, quoting none of the target", async () => {
    await symlink("../secret.txt", path.join(lessons, "leak.txt"));
    const problems = await load("leak.txt");
    expect(problems.map((p) => `${p.line}:${p.col} ${p.code}`)).toEqual(["4:9 E_FILE_OUTSIDE"]);
    expect(problems[0]?.message).toContain(`found a symlink to "../secret.txt", which resolves to ${path.join(dir, "secret.txt")}`);
    expect(JSON.stringify(problems)).not.toContain(MARKER);
  });

  it("reports a 3 MB binary and a 10 MB lesson as one problem each, not one per quoted line", async () => {
    const binary = Buffer.alloc(3 * 1000 * 1000);
    for (let i = 0; i < binary.length; i++) binary[i] = (i * 7919) % 256;
    await writeFile(path.join(lessons, "binary.txt"), binary);
    await writeFile(path.join(lessons, "huge.txt"), "docker network ls\n".repeat(600_000));
    for (const lesson of ["binary.txt", "huge.txt"]) {
      const problems = await load(lesson);
      expect(problems.map((p) => `${p.line}:${p.col} ${p.code}`)).toEqual(["4:9 E_FILE_TOO_LARGE"]);
    }
  });

  it("reports a small binary lesson as binary, once", async () => {
    await writeFile(path.join(lessons, "small.bin"), Buffer.from("docker ps\n\0\x01\x02docker ps\n"));
    const problems = await load("small.bin");
    expect(problems.map((p) => `${p.code} ${p.message}`)).toEqual([
      'E_FILE_BINARY lesson.file: lesson file "small.bin": expected UTF-8 text, found a NUL byte (0x00) at line 2, column 1, so a binary file',
    ]);
  });

  it("reads each lesson file once per load: a cached lesson is not read again", async () => {
    const cache: LessonCache = new Map();
    expect((await load("lesson.txt", cache)).map((p) => p.message)).toContain("steps[0].quotes: expected a line number 1-2 of lesson.txt, found 70");
    await writeFile(path.join(lessons, "lesson.txt"), "line\n".repeat(100));
    expect((await load("lesson.txt", cache)).map((p) => p.message)).toContain("steps[0].quotes: expected a line number 1-2 of lesson.txt, found 70");
    // Its twin without the cache sees the new file: the cache, not chance, kept the first read.
    expect((await load("lesson.txt")).map((p) => p.message).join("\n")).not.toContain("1-2 of lesson.txt");
  });
});

describe("lessonLineReader (findings in the summary)", () => {
  it("quotes a lesson line, but nothing of a lesson symlinked out", async () => {
    await symlink("../secret.txt", path.join(lessons, "leak.txt"));
    const line = lessonLineReader(lessons);
    expect(line("lesson.txt", 2)).toBe("docker network ls");
    expect(line("leak.txt", 71)).toBeUndefined();
  });
});
