import { debianBaseRecipe } from "./recipes/debian-base.js";
import { dockerDindRecipe } from "./recipes/docker-dind.js";
import { mongoCompatRecipe } from "./recipes/mongo-compat.js";
import { nodeRecipe } from "./recipes/node.js";
import { probeRecipe } from "./recipes/probe.js";
import type { CatalogEntry } from "./types.js";

const BASE_REF = "debian:bookworm-slim";
const DIND_REF = "docker:dind";
const PROBE_REF = "dockproof/probe";

/**
 * Every image the harness knows how to provide without a registry. Adding an image (e.g. a
 * Node-based `mongo` stand-in) is one more entry whose recipe declares `dependsOn: ['node:20']`;
 * the orchestrator, hashing, tagging and caching need no change.
 */
const ENTRIES: readonly CatalogEntry[] = [
  { ref: BASE_REF, origin: "upstream", visibility: "internal", buildName: "debian-bookworm-slim", recipe: debianBaseRecipe },
  { ref: DIND_REF, origin: "upstream", visibility: "internal", buildName: "docker-dind", recipe: dockerDindRecipe(BASE_REF) },
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
  dindRef: DIND_REF,
  probeRef: PROBE_REF,
  entries: ENTRIES,
  get(ref: string): CatalogEntry | undefined {
    return ENTRIES.find((entry) => entry.ref === ref);
  },
} as const;
