/**
 * The content hash of a scenario's workdir, file by file: what each run copies (workdir-copy.ts) and so what its
 * commands, build contexts and Dockerfiles see. The same files are left out as the copy leaves out (node_modules,
 * dist); a symlink counts by where it points, as the copy recreates it. Paths are relative and `/`-separated, so a
 * stamp made on one machine compares with one made on another.
 */
import type { FixtureHashes } from "../model/stamp.js";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import path from "node:path";
import { WORKDIR_SKIPPED } from "../lesson/workdir-links.js";

/**
 * Stamps tell changed from unchanged; they guard nothing, so 64 bits of SHA-256 are plenty and keep the results
 * file small.
 */
export const shortHash = (...parts: ReadonlyArray<string | Buffer>): string => {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(typeof part === "string" ? `${part.length}:${part}` : part);
  return hash.digest("hex").slice(0, 16);
};

export function hashFixtures(workdir: string): FixtureHashes {
  const files: Record<string, string> = {};
  const walk = (relative: string) => {
    const entries = readdirSync(path.join(workdir, relative), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      if (WORKDIR_SKIPPED.has(entry.name)) continue;
      const child = relative === "" ? entry.name : `${relative}/${entry.name}`;
      const absolute = path.join(workdir, child);
      if (entry.isSymbolicLink()) files[child] = shortHash("symlink", readlinkSync(absolute));
      else if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) files[child] = shortHash(readFileSync(absolute));
    }
  };
  walk("");
  return { hash: shortHash(...Object.entries(files).flat()), files };
}
