import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { readLessonFile } from "../lesson/lesson-file.js";
import { scaffoldScenario } from "../scaffold/scaffold.js";
import { defaultLessonsDir, repoRoot } from "../support/paths.js";
import { scaffoldCommand } from "./scaffold-command.js";

const LESSON = "docker-layers-volumes-networks.txt";
const lessonsDir = defaultLessonsDir();
const temps: string[] = [];
let out = "";
let err = "";

beforeEach(() => {
  out = "";
  err = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    err += String(chunk);
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());
afterAll(async () => {
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

/** A project (package.json) with a scenarios folder, where a draft is validated as it would be in place. */
async function project(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "dockproof-scaffold-cli-"));
  temps.push(dir);
  await writeFile(path.join(dir, "package.json"), "{}\n");
  await mkdir(path.join(dir, "scenarios", "volumes"), { recursive: true });
  return dir;
}

describe("dockproof scaffold", () => {
  it("prints the draft of a section to stdout, exit 0", async () => {
    expect(await scaffoldCommand({ lessonFile: LESSON, lessonsDir, section: "With volumes ->", out: null })).toBe(0);
    const lines = readLessonFile(lessonsDir, LESSON).lines ?? [];
    expect(out).toBe(scaffoldScenario({ lessonFile: LESSON, lines, section: "With volumes ->" }));
    expect(err).toBe("");
  });

  it("an unknown section is exit 2 with the nearest headings, and nothing printed", async () => {
    expect(await scaffoldCommand({ lessonFile: LESSON, lessonsDir, section: "With volume", out: null })).toBe(2);
    expect(err).toMatch(/found "With volume"; nearest: line 87 "With volumes ->"/);
    expect(out).toBe("");
  });

  it("no --section in a lesson of several sections is exit 2 listing them", async () => {
    expect(await scaffoldCommand({ lessonFile: LESSON, lessonsDir, section: null, out: null })).toBe(2);
    expect(err).toMatch(/expected --section HEADING.*has 7:/);
    expect(err).toMatch(/line 87 "With volumes ->" \(lines 87-107, 4 commands\)/);
  });

  it("--out writes a new file that validates where it lands, naming the project's schema relative to it", async () => {
    const dir = await project();
    const file = path.join(dir, "scenarios", "volumes", "v9-draft.yaml");
    expect(await scaffoldCommand({ lessonFile: LESSON, lessonsDir, section: "With volumes ->", out: file })).toBe(0);
    expect(err).toBe("");
    expect(out).toMatch(/it validates/);
    const text = await readFile(file, "utf8");
    const schema = /\$schema=(\S+)/.exec(text)?.[1] ?? "";
    expect(path.resolve(path.dirname(file), schema)).toBe(path.join(repoRoot, "scenarios", "scenario.schema.json"));
    expect(text).toContain("run: {lesson: 101}");
  });

  it("--out over an existing file refuses with exit 2 and leaves it as it was", async () => {
    const dir = await project();
    const file = path.join(dir, "scenarios", "volumes", "v2-with-volume.yaml");
    await writeFile(file, "mine\n");
    expect(await scaffoldCommand({ lessonFile: LESSON, lessonsDir, section: "With volumes ->", out: file })).toBe(2);
    expect(err).toMatch(/refusing to overwrite .*v2-with-volume\.yaml/);
    expect(await readFile(file, "utf8")).toBe("mine\n");
    // A dangling symlink is something there too: writing through it would create its target.
    const link = path.join(dir, "scenarios", "volumes", "link.yaml");
    await symlink(path.join(dir, "elsewhere.yaml"), link);
    expect(await scaffoldCommand({ lessonFile: LESSON, lessonsDir, section: "With volumes ->", out: link })).toBe(2);
    expect(existsSync(path.join(dir, "elsewhere.yaml"))).toBe(false);
  });

  it("refuses a folder whose baseline of the lesson is older (its line numbers would be misread); an equal one is fine", async () => {
    const dir = await project();
    const baselines = path.join(dir, "scenarios", "lesson-baselines");
    await mkdir(baselines);
    const lesson = await readFile(path.join(lessonsDir, LESSON), "utf8");
    await writeFile(path.join(baselines, LESSON), `A line the lesson had then\n${lesson}`);
    const file = path.join(dir, "scenarios", "volumes", "draft.yaml");
    expect(await scaffoldCommand({ lessonFile: LESSON, lessonsDir, section: "With volumes ->", out: file })).toBe(2);
    expect(err).toMatch(/expected the baseline .* to match the lesson, found it older.*dockproof fix/);
    expect(existsSync(file)).toBe(false);
    await copyFile(path.join(lessonsDir, LESSON), path.join(baselines, LESSON));
    expect(await scaffoldCommand({ lessonFile: LESSON, lessonsDir, section: "With volumes ->", out: file })).toBe(0);
  });

  it("reads the lesson as untrusted input: a missing one suggests a name, one linking out of the lessons directory is refused", async () => {
    expect(await scaffoldCommand({ lessonFile: "docker-layers-volume-networks.txt", lessonsDir, section: null, out: null })).toBe(2);
    expect(err).toMatch(/did you mean "docker-layers-volumes-networks\.txt"/);
    const dir = await project();
    await symlink("/etc/passwd", path.join(dir, "passwd.txt"));
    err = "";
    expect(await scaffoldCommand({ lessonFile: "passwd.txt", lessonsDir: dir, section: null, out: null })).toBe(2);
    expect(err).toMatch(/lesson file "passwd.txt": expected a regular file inside the lessons directory .*outside it/);
    expect(err).not.toMatch(/root:/);
  });
});
