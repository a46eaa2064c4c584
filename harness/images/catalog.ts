import { legacyEngine } from "./engines/legacy-engine.js";
import { modernEngine } from "./engines/modern-engine.js";
import { debianBaseRecipe } from "./recipes/debian-base.js";
import { DIND_BUILDX_PACKAGES, DIND_PACKAGES, dockerDindRecipe } from "./recipes/docker-dind.js";
import { mongoCompatRecipe } from "./recipes/mongo-compat.js";
import { nodeRecipe } from "./recipes/node.js";
import { probeRecipe } from "./recipes/probe.js";
import type { CatalogEntry } from "./types.js";

const BASE_REF = "debian:bookworm-slim";
const TRIXIE_REF = "debian:trixie-slim";
const MODERN_DIND_REF = modernEngine.catalogRef;
const LEGACY_DIND_REF = legacyEngine.catalogRef;
const PROBE_REF = "dockproof/probe";

/**
 * Every image the harness knows how to provide without a registry. Adding an image (e.g. a
 * Node-based `mongo` stand-in) is one more entry whose recipe declares `dependsOn: ['node:20']`;
 * the orchestrator, hashing, tagging and caching need no change.
 */
const ENTRIES: readonly CatalogEntry[] = [
  // The host's own suite (bookworm on this project's machines), as it always was: its hash keys every cached image.
  { ref: BASE_REF, origin: "upstream", visibility: "internal", buildName: "debian-bookworm-slim", recipe: debianBaseRecipe() },
  { ref: TRIXIE_REF, origin: "upstream", visibility: "internal", buildName: "debian-trixie-slim", recipe: debianBaseRecipe({ suite: "trixie" }) },
  {
    ref: MODERN_DIND_REF,
    origin: "upstream",
    visibility: "internal",
    buildName: "docker-dind-modern",
    recipe: dockerDindRecipe({ baseRef: TRIXIE_REF, packages: DIND_BUILDX_PACKAGES, standsInFor: MODERN_DIND_REF }),
  },
  {
    ref: LEGACY_DIND_REF,
    origin: "upstream",
    visibility: "internal",
    buildName: "docker-dind-legacy",
    recipe: dockerDindRecipe({ baseRef: BASE_REF, packages: DIND_PACKAGES, standsInFor: LEGACY_DIND_REF }),
  },
  { ref: PROBE_REF, origin: "harness", visibility: "scenario", buildName: "dockproof-probe", recipe: probeRecipe(BASE_REF) },
  {
    ref: "node:20",
    origin: "upstream",
    visibility: "scenario",
    buildName: "node-20",
    recipe: nodeRecipe({ baseRef: BASE_REF, nodeMajor: 20, npmMajor: 10 }),
  },
  {
    ref: "mongo",
    origin: "upstream",
    visibility: "scenario",
    buildName: "mongo",
    substituteName: "mongo-compat",
    recipe: mongoCompatRecipe({ nodeRef: "node:20" }),
  },
];

/** Every image dockproof can supply, and the refs the harness itself needs. */
export const ImageCatalog = {
  /** Refs scenarios and lessons may name. */
  refs: ENTRIES.filter((entry) => entry.visibility === "scenario").map((entry) => entry.ref) as readonly string[],
  baseRef: BASE_REF,
  /** What sandboxes run until the runner picks an engine from engines.ts: the legacy engine, as before engines existed. */
  dindRef: LEGACY_DIND_REF,
  probeRef: PROBE_REF,
  entries: ENTRIES,
  get(ref: string): CatalogEntry | undefined {
    return ENTRIES.find((entry) => entry.ref === ref);
  },
} as const;
