import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { decodeText } from "./text-content.js";
import { type FileRules, isInside, readUntrustedFile } from "./untrusted-file.js";

const MARKER = "docker run SECRET-MARKER-7";
const base = realpathSync(mkdtempSync(path.join(tmpdir(), "dockproof-untrusted-")));
const root = path.join(base, "root");
mkdirSync(path.join(root, "sub"), { recursive: true });
writeFileSync(path.join(base, "secret.txt"), `${MARKER}\n`);
writeFileSync(path.join(root, "ok.txt"), "line 1\nline 2\n");
writeFileSync(path.join(root, "sub", "inner.txt"), "inner\n");
symlinkSync("sub/inner.txt", path.join(root, "link-inside.txt"));
symlinkSync(path.join(root, "ok.txt"), path.join(root, "absolute-inside.txt"));
symlinkSync("../secret.txt", path.join(root, "escape.txt"));
symlinkSync(path.join(base, "secret.txt"), path.join(root, "absolute-escape.txt"));
symlinkSync("..", path.join(root, "up"));
symlinkSync("self.txt", path.join(root, "self.txt"));
symlinkSync("sub", path.join(root, "sub-link"));
// `here/..` is the root's parent to the kernel, but the root itself to Node's default realpathSync (a decoy there).
symlinkSync(".", path.join(root, "here"));
symlinkSync("here/../secret.txt", path.join(root, "sneaky.txt"));
writeFileSync(path.join(root, "secret.txt"), "decoy\n");
execFileSync("mkfifo", [path.join(root, "pipe.txt")]);
afterAll(() => rmSync(base, { recursive: true, force: true }));

const rules: FileRules = { label: "lesson file", root, rootName: `the lessons directory ${root}`, maxBytes: 64 };
const read = (name: string, overrides: Partial<FileRules> = {}) => readUntrustedFile({ ...rules, ...overrides }, name);
const problemOf = (name: string, overrides: Partial<FileRules> = {}) => {
  const result = read(name, overrides);
  expect(result.text, `${name} was read`).toBeUndefined();
  expect(result.problem?.message).not.toContain(MARKER);
  return `${result.problem?.code} ${result.problem?.message}`;
};

describe("readUntrustedFile", () => {
  it("reads regular files inside the root, also through symlinks that stay inside", () => {
    expect(read("ok.txt").text).toBe("line 1\nline 2\n");
    expect(read("link-inside.txt").text).toBe("inner\n");
    expect(read("absolute-inside.txt").text).toBe("line 1\nline 2\n");
    expect(read("sub-link/inner.txt").text).toBe("inner\n");
    expect(read(path.join(root, "ok.txt")).text).toBe("line 1\nline 2\n");
  });

  it("refuses a symlink whose real path leaves the root, naming where it points and nothing it holds", () => {
    expect(problemOf("escape.txt")).toBe(
      `E_FILE_OUTSIDE lesson file "escape.txt": expected a regular file inside the lessons directory ${root}, found a symlink to "../secret.txt", which resolves to ${base}/secret.txt, outside it`,
    );
    expect(problemOf("absolute-escape.txt")).toContain(`found a symlink to "${base}/secret.txt", which resolves to ${base}/secret.txt, outside it`);
    expect(problemOf("up/secret.txt")).toContain(`found a path through a symlink, which resolves to ${base}/secret.txt, outside it`);
    expect(problemOf("sneaky.txt")).toContain(`found a symlink to "here/../secret.txt", which resolves to ${base}/secret.txt, outside it`);
    expect(problemOf("../secret.txt")).toContain(`found a path, which resolves to ${base}/secret.txt, outside it`);
  });

  it("refuses loops, dangling links, directories and special files with what they are", () => {
    expect(problemOf("self.txt")).toBe(
      `E_FILE_SYMLINK lesson file "self.txt": expected a regular file inside the lessons directory ${root}, found a symlink to "self.txt" that never resolves (a symlink loop)`,
    );
    symlinkSync("gone.txt", path.join(root, "dangling.txt"));
    expect(problemOf("dangling.txt")).toContain('found a symlink to "gone.txt" that points at nothing');
    expect(problemOf("missing.txt")).toBe(
      `E_FILE_NOT_FOUND lesson file "missing.txt": expected a regular file inside the lessons directory ${root}, found nothing at ${root}/missing.txt`,
    );
    expect(problemOf("ok.txt/below")).toMatch(/^E_FILE_NOT_FOUND /);
    expect(problemOf("sub")).toBe('E_FILE_NOT_REGULAR lesson file "sub": expected a regular file, found a directory');
    expect(problemOf("sub-link")).toBe('E_FILE_NOT_REGULAR lesson file "sub-link": expected a regular file, found a directory (a symlink to "sub")');
    // A FIFO would block a plain read forever: it is refused before it is opened.
    expect(problemOf("pipe.txt")).toBe('E_FILE_NOT_REGULAR lesson file "pipe.txt": expected a regular file, found a named pipe (FIFO)');
    expect(problemOf("null", { root: "/dev", rootName: "/dev" })).toBe(
      'E_FILE_NOT_REGULAR lesson file "null": expected a regular file, found a character device',
    );
    expect(problemOf("ok.txt", { root: path.join(base, "nope"), rootName: "the lessons directory nope" })).toBe(
      'E_FILE_NOT_FOUND lesson file "ok.txt": expected the lessons directory nope to exist, found nothing there',
    );
  });

  it("refuses a file over the limit by its size, whatever it holds; a file at the limit is read", () => {
    writeFileSync(path.join(root, "at-limit.txt"), "x".repeat(64));
    writeFileSync(path.join(root, "over-limit.bin"), Buffer.alloc(65, 0));
    expect(read("at-limit.txt").text).toHaveLength(64);
    expect(problemOf("over-limit.bin")).toBe(
      'E_FILE_TOO_LARGE lesson file "over-limit.bin": expected at most 0.0 MiB (the limit for lesson files), found 0.0 MiB (65 bytes)',
    );
  });

  it("refuses NUL bytes and invalid UTF-8 with their position only", () => {
    writeFileSync(path.join(root, "nul.txt"), Buffer.from("ab\ncd\0ef"));
    writeFileSync(path.join(root, "latin1.txt"), Buffer.from("caf\xe9\n", "latin1"));
    expect(problemOf("nul.txt")).toBe(
      'E_FILE_BINARY lesson file "nul.txt": expected UTF-8 text, found a NUL byte (0x00) at line 2, column 3, so a binary file',
    );
    expect(problemOf("latin1.txt")).toBe(
      'E_FILE_BINARY lesson file "latin1.txt": expected UTF-8 text, found the byte 0xE9 at line 1, column 4, which is not UTF-8',
    );
  });
});

describe("decodeText", () => {
  it("accepts UTF-8, including a U+FFFD the file spells itself", () => {
    expect(decodeText(Buffer.from("héllo \uFFFD ok\n"))).toEqual({ text: "héllo \uFFFD ok\n" });
  });

  it("places the first invalid byte after multi-byte characters and a genuine U+FFFD", () => {
    const bytes = Buffer.concat([Buffer.from("é\n\uFFFDx"), Buffer.from([0xc3, 0x28])]);
    expect(decodeText(bytes)).toEqual({ found: "the byte 0xC3 at line 2, column 3, which is not UTF-8" });
    expect(decodeText(Buffer.from([0x61, 0xe2, 0x82]))).toEqual({ found: "the byte 0xE2 at line 1, column 2, which is not UTF-8" });
  });
});

describe("isInside", () => {
  it("is true for the root and below, false for siblings sharing a prefix and for parents", () => {
    expect(isInside("/a/b", "/a/b")).toBe(true);
    expect(isInside("/a/b", "/a/b/..c")).toBe(true);
    expect(isInside("/a/b", "/a/bc")).toBe(false);
    expect(isInside("/a/b", "/a")).toBe(false);
    expect(isInside("/", "/etc/passwd")).toBe(true);
  });
});
