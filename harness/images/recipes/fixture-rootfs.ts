import { chmod, cp, readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { ImageError } from "../../support/errors.js";
import { sha256 } from "../recipe-hash.js";

/**
 * A recipe's own files, laid out as they land in the image (`fixtures/<name>/rootfs/etc/…` -> `/etc/…`), so one
 * `COPY rootfs/ /` places them all. Only the executable bit is kept: a checkout's umask must not change the hash.
 */
export type RootfsFile = { sha256: string; executable: boolean };

/** Every file under `dir` by POSIX relative path, sorted, with its content hash and executable bit. */
export async function rootfsDigests(dir: string): Promise<Record<string, RootfsFile>> {
  const files: Record<string, RootfsFile> = {};
  const visit = async (relative: string): Promise<void> => {
    for (const entry of await readdir(path.join(dir, relative), { withFileTypes: true })) {
      const child = path.posix.join(relative, entry.name);
      if (entry.isDirectory()) await visit(child);
      else if (entry.isFile()) {
        const absolute = path.join(dir, child);
        files[child] = { sha256: sha256(await readFile(absolute)), executable: ((await stat(absolute)).mode & 0o100) !== 0 };
      } else throw new ImageError("IMAGE_RECIPE_INVALID", `Expected only files and folders under ${dir}, found ${child} (${entryKind(entry)})`);
    }
  };
  await visit("");
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Copies the tree into a build context with modes 0755/0644 exactly as hashed. */
export async function copyRootfs(from: string, to: string, files: Record<string, RootfsFile>): Promise<void> {
  await cp(from, to, { recursive: true });
  for (const [relative, file] of Object.entries(files)) await chmod(path.join(to, relative), file.executable ? 0o755 : 0o644);
}

function entryKind(entry: { isSymbolicLink(): boolean }): string {
  return entry.isSymbolicLink() ? "a symbolic link" : "neither file nor folder";
}
