import { cp, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";

// Build outputs and installed dependencies are the learner's to make, not to inherit from our checkout.
const SKIPPED = new Set(["node_modules", "dist"]);

/** A fresh copy of the lesson's app for one run, like a learner's clone: edits and builds never touch the checkout. */
export class WorkdirCopy implements AsyncDisposable {
  private constructor(
    readonly path: string,
    private readonly root: string,
  ) {}

  static async create(source: string): Promise<WorkdirCopy> {
    const root = await mkdtemp(join(tmpdir(), "dockproof-workdir-"));
    const path = join(root, basename(source));
    await cp(source, path, { recursive: true, filter: (file) => !SKIPPED.has(basename(file)) });
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
