import { lstatSync } from "node:fs";
import { cp, mkdir, mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative } from "node:path";
import { realPath } from "../lesson/untrusted-file.js";
import { leavingLinks, WORKDIR_SKIPPED, WorkdirLinkError, workdirLinks } from "../lesson/workdir-links.js";

/** A fresh copy of the lesson's app for one run, like a learner's clone: edits and builds never touch the checkout. */
export class WorkdirCopy implements AsyncDisposable {
  private constructor(
    readonly path: string,
    private readonly root: string,
  ) {}

  static async create(source: string): Promise<WorkdirCopy> {
    const real = realPath(source);
    // The loader refuses these already; a workdir changed since (or a caller that skipped it) is refused here too.
    const links = workdirLinks(real);
    const leaving = leavingLinks(real, links);
    if (leaving.length > 0) throw new WorkdirLinkError(source, leaving);
    const root = await mkdtemp(join(tmpdir(), "dockproof-workdir-"));
    const path = join(root, basename(source));
    try {
      // Symlinks are never copied by cp (it would rewrite relative ones to absolute paths into the checkout)...
      const keep = (file: string) => file === real || (!WORKDIR_SKIPPED.has(basename(file)) && !lstatSync(file).isSymbolicLink());
      await cp(real, path, { recursive: true, verbatimSymlinks: true, filter: keep });
      // ...but made again, relative, to the same file inside the copy.
      for (const link of links) {
        const target = link.resolved as string; // leavingLinks took every link without one
        await symlink(relative(dirname(join(real, link.path)), target), join(path, link.path));
      }
    } catch (error) {
      await rm(root, { recursive: true, force: true });
      throw error;
    }
    return new WorkdirCopy(path, root);
  }

  /** An empty folder of the run's own, for scenarios whose learner starts from nothing. */
  static async empty(): Promise<WorkdirCopy> {
    const root = await mkdtemp(join(tmpdir(), "dockproof-workdir-"));
    const path = join(root, "work");
    await mkdir(path);
    return new WorkdirCopy(path, root);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }
}
