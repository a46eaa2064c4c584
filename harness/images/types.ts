import type { Docker } from "../docker/docker.js";
import type { ImageDocker } from "./image-docker.js";
import type { HostDistro } from "./host-distro.js";
import type { HashableValue } from "./recipe-hash.js";

/**
 * online: pull the real image (fail if that fails). offline: build a local substitute.
 * auto: use the real image if present or pullable, else the substitute.
 */
export type ImageMode = "auto" | "online" | "offline";

export const IMAGE_MODES: readonly ImageMode[] = ["auto", "online", "offline"];

export interface PreparedImage {
  /** The logical ref scenarios and lessons use, e.g. `node:20`. */
  ref: string;
  /** What to use on the engine that prepared it, e.g. `dockproof/substitute/node:20-0123456789ab`. */
  localRef: string;
  id: string;
  /** Registry digest for pulled images; substitutes have none. */
  digest: string | null;
  substitute: boolean;
  substituteFor: string | null;
  /** The stand-in's own name, e.g. "mongo-compat"; null for real images. */
  substituteName: string | null;
  /** Nothing was built or pulled: the image was already there. */
  cached: boolean;
  /** Time spent on this image alone (waiting for its base is not counted). */
  prepareMs: number;
}

export interface PrepareOptions {
  mode: ImageMode;
  /** The engine the images are prepared on. */
  docker: Docker;
  log?: (line: string) => void;
  /** Build contexts go to `<repoRoot>/.dockproof/build`, caches to `<repoRoot>/.dockproof/cache`. */
  repoRoot: string;
}

/** What a recipe gets to work with; everything external goes through here so recipes stay small. */
export interface RecipeContext {
  repoRoot: string;
  docker: ImageDocker;
  /** Already prefixed with the image's ref. */
  log: (line: string) => void;
  /** The prepared images this recipe builds FROM, keyed by logical ref. */
  dependencies: ReadonlyMap<string, PreparedImage>;
  /** The host's suite and mirror; throws ImageError on hosts that cannot bootstrap Debian. */
  host(): Promise<HostDistro>;
}

export interface BuildTarget {
  /** The tag the build must produce. */
  localRef: string;
  /** Must end up on the image (docker build --label / import --change LABEL). */
  labels: Record<string, string>;
  /** A fresh, empty directory for the build context. */
  contextDir: string;
}

/** Cheap to compute (no downloads): `inputs` decide whether a cached image can be reused. */
export interface RecipePlan {
  inputs: { [key: string]: HashableValue | undefined };
  build(target: BuildTarget): Promise<void>;
}

export interface Recipe {
  /** Logical refs this recipe builds FROM; prepared first, once per prepareImages call. */
  dependsOn: readonly string[];
  plan(context: RecipeContext): Promise<RecipePlan>;
}

export interface CatalogEntry {
  ref: string;
  /** upstream: a real registry image exists and the recipe is its stand-in. harness: ours, always built. */
  origin: "upstream" | "harness";
  /** scenario: lessons may name it. internal: the harness itself needs it. */
  visibility: "scenario" | "internal";
  /** kebab-case directory under `.dockproof/build`. */
  buildName: string;
  /** What the stand-in is, in reports ("mongo = substitute (mongo-compat)"); defaults to buildName. */
  substituteName?: string;
  /**
   * What of the real image the stand-in does not do, one sentence each ("no replica sets"). Reports name these
   * beside every verdict reached with the substitute; a check that needs one of them is unverified, never passed.
   */
  limitations?: readonly string[];
  recipe: Recipe;
}

/** The part of ImageCatalog a session uses; tests pass their own entries. */
export interface SessionCatalog {
  readonly entries: readonly CatalogEntry[];
  get(ref: string): CatalogEntry | undefined;
}

export interface SessionOptions {
  mode: ImageMode;
  docker: ImageDocker;
  repoRoot: string;
  log: (line: string) => void;
  catalog?: SessionCatalog;
  readHost?: () => Promise<HostDistro>;
}
