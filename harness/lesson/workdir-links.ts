/**
 * Symlinks in a scenario's workdir. Each run copies the workdir alone to a temporary folder, so a link is sound
 * only when its real target is inside the workdir: any other link either dangles in the copy or, worse, still
 * reaches the host (an absolute link, or enough `..`), and `docker build` would send what it points to.
 * The loader reports such links; the copy refuses them again (defence in depth) and never follows one.
 */
import { lstatSync, readdirSync, readlinkSync } from "node:fs";
import path from "node:path";
import { InvalidInputError } from "../support/errors.js";
import { isInside, realPath } from "./untrusted-file.js";

// Build outputs and installed dependencies are the learner's to make, not to inherit from our checkout.
export const WORKDIR_SKIPPED: ReadonlySet<string> = new Set(["node_modules", "dist"]);

export interface WorkdirLink {
  /** Relative to the workdir. */
  path: string;
  /** As stored in the link. */
  target: string;
  /** The real path it resolves to; null when it points at nothing or loops. */
  resolved: string | null;
}

/** Every symlink under `realWorkdir` (a real path), never followed, skipping what the copy skips. */
export function workdirLinks(realWorkdir: string): WorkdirLink[] {
  const links: WorkdirLink[] = [];
  const walk = (relative: string) => {
    const entries = readdirSync(path.join(realWorkdir, relative), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      if (WORKDIR_SKIPPED.has(entry.name)) continue;
      const child = path.join(relative, entry.name);
      const absolute = path.join(realWorkdir, child);
      if (entry.isDirectory()) walk(child);
      else if (entry.isSymbolicLink()) {
        let resolved: string | null = null;
        try {
          resolved = realPath(absolute);
        } catch {
          resolved = null;
        }
        links.push({ path: child, target: readlinkSync(absolute), resolved });
      }
    }
  };
  if (lstatSync(realWorkdir).isDirectory()) walk("");
  return links;
}

/** Links a copy of the workdir must not carry: their real target is outside it, or there is none. */
export const leavingLinks = (realWorkdir: string, links: readonly WorkdirLink[]): WorkdirLink[] =>
  links.filter((link) => link.resolved === null || !isInside(realWorkdir, link.resolved));

/** `src/config -> "/etc", which resolves to /etc`: where it points, never what is there. */
export function describeLink(link: WorkdirLink): string {
  const where = link.resolved === null ? "which points at nothing (or loops)" : `which resolves to ${link.resolved}`;
  return `${link.path} -> ${JSON.stringify(link.target)}, ${where}`;
}

export const LINK_RULE = "every symlink in the workdir to point inside it (each run copies the workdir alone)";

/** Thrown by the workdir copy for a link the loader should have refused. */
export class WorkdirLinkError extends InvalidInputError {
  constructor(workdir: string, links: readonly WorkdirLink[]) {
    super("E_WORKDIR_LINK", `workdir ${workdir}: expected ${LINK_RULE}, found ${links.map(describeLink).join("; ")}`);
  }
}
