import { ImageError, isDockproofError } from "../support/errors.js";
import { buildDir, freshDir, removeTree } from "./build-context.js";
import { ImageCatalog } from "./catalog.js";
import type { ImageDocker, ImageInfo } from "./image-docker.js";
import { type HostDistro, readHostDistro } from "./host-distro.js";
import { harnessTag, substituteTag } from "./image-tags.js";
import { recipeHash } from "./recipe-hash.js";
import { LABELS, labelsFor } from "./image-labels.js";
import type { CatalogEntry, ImageMode, PreparedImage, RecipeContext, SessionCatalog, SessionOptions } from "./types.js";

/**
 * One prepareImages call. Each ref is prepared at most once (memoised promises), so a base that
 * three substitutes build FROM is bootstrapped once even though they are prepared concurrently.
 */
export class PrepareSession {
  private readonly prepared = new Map<string, Promise<PreparedImage>>();
  private hostDistro: Promise<HostDistro> | undefined;

  private readonly mode: ImageMode;
  private readonly docker: ImageDocker;
  private readonly repoRoot: string;
  private readonly log: (line: string) => void;
  private readonly catalog: SessionCatalog;
  private readonly readHost: () => Promise<HostDistro>;

  constructor(options: SessionOptions) {
    ({ mode: this.mode, docker: this.docker, repoRoot: this.repoRoot, log: this.log } = options);
    this.catalog = options.catalog ?? ImageCatalog;
    this.readHost = options.readHost ?? (() => readHostDistro());
  }

  ensure(ref: string): Promise<PreparedImage> {
    let promise = this.prepared.get(ref);
    if (!promise) {
      promise = this.prepare(ref);
      this.prepared.set(ref, promise);
    }
    return promise;
  }

  private async prepare(ref: string): Promise<PreparedImage> {
    const entry = this.catalog.get(ref);
    if (entry?.origin === "harness") return this.fromRecipe(entry);
    if (this.mode !== "offline") {
      const real = await this.realImage(ref);
      if (real) return real;
    }
    if (!entry) {
      throw new ImageError(
        "IMAGE_NO_SUBSTITUTE",
        `No offline substitute for ${ref}: expected one of ${this.catalog.entries.map((e) => e.ref).join(", ")} ` +
          `(images mode "${this.mode}"${this.mode === "auto" ? ", and the pull failed" : ""}).`,
      );
    }
    return this.fromRecipe(entry);
  }

  /** Like `docker run`'s default pull policy: an image already present is used without asking a registry. */
  private async realImage(ref: string): Promise<PreparedImage | null> {
    const started = performance.now();
    const present = await this.docker.inspect(ref);
    if (present) return this.describe(ref, ref, present, true, started, this.standingIn(ref, present));
    this.log(`${ref}: pulling`);
    try {
      await this.docker.pull(ref);
    } catch (error) {
      const reason = (isDockproofError(error) ? error.message : String(error)).trim().split("\n").slice(-1)[0];
      if (this.mode === "online") {
        throw new ImageError(
          "IMAGE_PULL_FAILED",
          `Images mode "online" needs the real ${ref}: expected docker pull to succeed, received: ${reason}`,
          {
            cause: error,
          },
        );
      }
      this.log(`${ref}: pull failed (${reason}); using the offline substitute`);
      return null;
    }
    const pulled = await this.docker.inspect(ref);
    if (!pulled) throw new ImageError("IMAGE_PULL_FAILED", `Expected ${ref} to exist after docker pull, received no such image.`);
    return this.describe(ref, ref, pulled, false, started, this.standingIn(ref, pulled));
  }

  /**
   * An image under a real name that is one of dockproof's own substitutes (a test's `docker tag`, a stand-in someone
   * pushed to a registry) is no real image, however it came: reported as the substitute it is.
   */
  private standingIn(ref: string, info: ImageInfo): CatalogEntry | undefined {
    return info.labels[LABELS.substituteFor] === ref ? this.catalog.get(ref) : undefined;
  }

  private async fromRecipe(entry: CatalogEntry): Promise<PreparedImage> {
    const dependencies = new Map<string, PreparedImage>();
    for (const dependency of entry.recipe.dependsOn) dependencies.set(dependency, await this.ensure(dependency));
    const started = performance.now(); // after dependencies: their time is reported on their own
    const log = (line: string) => this.log(`${entry.ref}: ${line}`);
    const context: RecipeContext = {
      repoRoot: this.repoRoot,
      docker: this.docker,
      log,
      dependencies,
      host: () => (this.hostDistro ??= this.readHost()),
    };
    const plan = await entry.recipe.plan(context);
    const hash = recipeHash({
      ref: entry.ref,
      inputs: plan.inputs,
      dependencies: Object.fromEntries([...dependencies].map(([ref, image]) => [ref, image.id])),
    });
    const localRef = entry.origin === "harness" ? harnessTag(entry.ref, hash) : substituteTag(entry.ref, hash);
    const existing = await this.docker.inspect(localRef);
    if (existing?.labels[LABELS.contentHash] === hash) return this.describe(entry.ref, localRef, existing, true, started, entry);

    const labels = labelsFor(entry, hash);
    const contextDir = await freshDir(buildDir(this.repoRoot, entry.buildName));
    log(`building ${localRef}`);
    try {
      await plan.build({ localRef, labels, contextDir });
    } catch (error) {
      log(`build failed; its context is kept for inspection at ${contextDir}`);
      if (isDockproofError(error)) throw error;
      throw new ImageError("IMAGE_BUILD_FAILED", `Building ${localRef} for ${entry.ref} failed`, { cause: error });
    }
    // Contexts are kept only when a build fails; success leaves just the image (the cache). The debootstrap
    // rootfs among them is root-owned, holds device nodes and is ~200 MB: never leave it lying around.
    await removeTree(contextDir);
    const built = await this.docker.inspect(localRef);
    if (built?.labels[LABELS.contentHash] !== hash) {
      throw new ImageError(
        "IMAGE_BUILD_FAILED",
        `Expected ${localRef} to carry ${LABELS.contentHash}=${hash} after the build, received ` +
          `${built ? `label "${built.labels[LABELS.contentHash] ?? "(none)"}"` : "no such image"}.`,
      );
    }
    const result = this.describe(entry.ref, localRef, built, false, started, entry);
    log(`built in ${(result.prepareMs / 1000).toFixed(1)} s`);
    return result;
  }

  private describe(ref: string, localRef: string, info: ImageInfo, cached: boolean, started: number, entry?: CatalogEntry): PreparedImage {
    const substitute = entry?.origin === "upstream";
    return {
      ref,
      localRef,
      id: info.id,
      digest: info.repoDigests[0] ?? null,
      substitute,
      substituteFor: substitute ? ref : null,
      substituteName: substitute ? (entry?.substituteName ?? entry?.buildName ?? null) : null,
      cached,
      prepareMs: Math.round(performance.now() - started),
    };
  }
}
