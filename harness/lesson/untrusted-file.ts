/**
 * Reads a file that untrusted input names (a lesson from another repository, a Dockerfile a scenario builds) only
 * when it is what it claims to be: a regular file whose real path, every symlink resolved, lies inside a root, of
 * bounded size, UTF-8 text without NUL bytes. Otherwise one problem that says what the file is and where it
 * points, and never a byte of what it points to: a lesson symlinked to /etc/passwd would otherwise be quoted, line
 * by line, in problems and in the CI job summary.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readlinkSync, readSync, realpathSync, type Stats, statSync } from "node:fs";
import path from "node:path";
import { decodeText } from "./text-content.js";

export const FILE_PROBLEM_CODES = {
  notFound: "E_FILE_NOT_FOUND",
  outside: "E_FILE_OUTSIDE",
  symlink: "E_FILE_SYMLINK",
  notRegular: "E_FILE_NOT_REGULAR",
  tooLarge: "E_FILE_TOO_LARGE",
  binary: "E_FILE_BINARY",
  unreadable: "E_FILE_UNREADABLE",
} as const;
export type FileProblemCode = (typeof FILE_PROBLEM_CODES)[keyof typeof FILE_PROBLEM_CODES];

export interface FileProblem {
  code: FileProblemCode;
  message: string;
}

export interface FileRules {
  /** What the file is, for messages: "lesson file", "Dockerfile" (its plural names the size limit). */
  label: string;
  /** The folder the file's real path must stay inside. */
  root: string;
  /** How messages name the root: "the lessons directory /course/lessons". */
  rootName: string;
  maxBytes: number;
}

export type FileRead = { text: string; problem?: undefined } | { problem: FileProblem; text?: undefined };

/**
 * The real path as the kernel resolves it (libc realpath). Node's default realpathSync resolves a `..` that follows
 * a symlink lexically (`here -> .`, then `here/../x` is taken as ./x, the kernel opens ../x), so it can name a file
 * other than the one docker or a read would open.
 */
export const realPath = (file: string): string => realpathSync.native(file);

export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** True when `file` is `root` or below it (both absolute, already resolved). */
export function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative === "" || (relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return "a directory";
  if (info.isFIFO()) return "a named pipe (FIFO)";
  if (info.isSocket()) return "a socket";
  if (info.isCharacterDevice()) return "a character device";
  if (info.isBlockDevice()) return "a block device";
  return "a special file";
}

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code;

/** `name` is relative to the root (or absolute); messages quote it as given. */
export function readUntrustedFile(rules: FileRules, name: string): FileRead {
  const subject = `${rules.label} ${JSON.stringify(name)}`;
  const fail = (code: FileProblemCode, expected: string, found: string): FileRead => ({
    problem: { code, message: `${subject}: expected ${expected}, found ${found}` },
  });
  const inRoot = `a regular file inside ${rules.rootName}`;
  const given = path.resolve(rules.root, name);

  let realRoot: string;
  try {
    realRoot = realPath(rules.root);
  } catch {
    return fail(FILE_PROBLEM_CODES.notFound, `${rules.rootName} to exist`, "nothing there");
  }
  let link: string | undefined;
  try {
    link = lstatSync(given).isSymbolicLink() ? readlinkSync(given) : undefined;
  } catch {
    link = undefined; // a missing file or parent: realpath below says which
  }
  const symlink = link === undefined ? "a path through a symlink" : `a symlink to ${JSON.stringify(link)}`;

  let real: string;
  try {
    real = realPath(given);
  } catch (error) {
    const code = errorCode(error);
    if (code === "ELOOP") return fail(FILE_PROBLEM_CODES.symlink, inRoot, `${symlink} that never resolves (a symlink loop)`);
    if (link !== undefined && code === "ENOENT") return fail(FILE_PROBLEM_CODES.symlink, inRoot, `${symlink} that points at nothing`);
    if (code === "ENOENT" || code === "ENOTDIR") return fail(FILE_PROBLEM_CODES.notFound, inRoot, `nothing at ${given}`);
    return fail(FILE_PROBLEM_CODES.unreadable, inRoot, `an error resolving it (${code})`);
  }
  if (!isInside(realRoot, real)) {
    const via = real === given ? "a path" : symlink;
    return fail(FILE_PROBLEM_CODES.outside, inRoot, `${via}, which resolves to ${real}, outside it`);
  }
  const pointsTo = link === undefined ? "" : ` (${symlink})`;
  const info = statSync(real, { throwIfNoEntry: false });
  if (info && !info.isFile()) return fail(FILE_PROBLEM_CODES.notRegular, "a regular file", `${kindOf(info)}${pointsTo}`);

  let fd: number;
  try {
    // The real path has no symlink left to follow; NONBLOCK so a FIFO swapped in meanwhile cannot hang the open.
    fd = openSync(real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    return fail(FILE_PROBLEM_CODES.unreadable, "a readable file", `an error opening it (${errorCode(error)})`);
  }
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile()) return fail(FILE_PROBLEM_CODES.notRegular, "a regular file", `${kindOf(opened)}${pointsTo}`);
    if (opened.size > rules.maxBytes)
      return fail(
        FILE_PROBLEM_CODES.tooLarge,
        `at most ${mib(rules.maxBytes)} (the limit for ${rules.label}s)`,
        `${mib(opened.size)} (${opened.size} bytes)`,
      );
    const bytes = Buffer.alloc(opened.size);
    let filled = 0;
    while (filled < bytes.length) {
      const read = readSync(fd, bytes, filled, bytes.length - filled, filled);
      if (read === 0) break; // shrank since fstat: what is there is the file
      filled += read;
    }
    const content = decodeText(bytes.subarray(0, filled));
    return "text" in content ? { text: content.text } : fail(FILE_PROBLEM_CODES.binary, "UTF-8 text", content.found);
  } catch (error) {
    return fail(FILE_PROBLEM_CODES.unreadable, "a readable file", `an error reading it (${errorCode(error)})`);
  } finally {
    closeSync(fd);
  }
}

/** Dockerfiles are small; one over this is not a Dockerfile a lesson means. */
export const MAX_DOCKERFILE_BYTES = 1024 * 1024;

/** A Dockerfile named by a scenario (or a build in it), read by the rules above inside `root`. */
export function readDockerfile(root: string, rootName: string, name: string): FileRead {
  return readUntrustedFile({ label: "Dockerfile", root, rootName, maxBytes: MAX_DOCKERFILE_BYTES }, name);
}
