import { MONGO_COMPAT_LIMITATIONS } from "../../fixtures/mongo-compat/src/limitations.js";
import { legacyEngine } from "./engines/legacy-engine.js";
import { modernEngine } from "./engines/modern-engine.js";
import { debianBaseRecipe } from "./recipes/debian-base.js";
import { DIND_BUILDX_PACKAGES, DIND_PACKAGES, dockerDindRecipe } from "./recipes/docker-dind.js";
import { mongoCompatRecipe } from "./recipes/mongo-compat.js";
import { nginxRecipe } from "./recipes/nginx.js";
import { nodeRecipe } from "./recipes/node.js";
import { probeRecipe } from "./recipes/probe.js";
import { redisRecipe } from "./recipes/redis.js";
import { registryRecipe } from "./recipes/registry.js";
import { ALPINE_LIMITATIONS, alpineRecipe, alpineTagRecipe } from "./recipes/alpine-tag.js";
import type { CatalogEntry } from "./types.js";

const BASE_REF = "debian:bookworm-slim";
const TRIXIE_REF = "debian:trixie-slim";
const MODERN_DIND_REF = modernEngine.catalogRef;
const LEGACY_DIND_REF = legacyEngine.catalogRef;
const PROBE_REF = "dockproof/probe";

/** Every stand-in is its own size, not the real image's (an image-size check looks for this opening, "Its size"). */
const SIZE_LIMITATION = "Its size is the stand-in's own, not the real image's: a size claim (or a comparison of sizes) cannot be checked.";
const NODE_LIMITATIONS = [
  "Only node, npm and npx: no yarn and no corepack.",
  "None of the real image's buildpack-deps tools (git, curl, wget, python3, make, g++) and no Node headers: native modules (node-gyp) and git dependencies do not install.",
];
const NGINX_LIMITATIONS = [
  "Debian bookworm's nginx 1.22.1, not the current mainline or stable release.",
  "No njs, geoip, image-filter or xslt modules to load_module (stream and mail are loaded, as built in upstream).",
  "Listens on IPv4 only: the real image's script that adds an IPv6 listener is absent.",
  "NGINX_ENTRYPOINT_WORKER_PROCESSES_AUTOTUNE, NGINX_ENTRYPOINT_LOCAL_RESOLVERS and stream templates are ignored.",
  "With an nginx.conf of your own, temporary files go to Debian's /var/lib/nginx, not /var/cache/nginx.",
];
const REDIS_LIMITATIONS = [
  "Debian bookworm's redis 7.0.15, not the current release: no 7.2+ commands or options.",
  "No bundled modules (the real 8.x image's JSON, search, time series and probabilistic types).",
];

/** `<ref>` under an Alpine tag: the Debian stand-in for `of`, saying first that it is not Alpine, then what `of`'s does not do. */
function alpineTag(ref: string, of: string, buildName: string, limitations: readonly string[]): CatalogEntry {
  return {
    ref,
    origin: "upstream",
    visibility: "scenario",
    buildName,
    limitations: [...ALPINE_LIMITATIONS, ...limitations],
    recipe: alpineTagRecipe({ of }),
  };
}

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
    recipe: dockerDindRecipe({ baseRef: BASE_REF, packages: DIND_PACKAGES, standsInFor: LEGACY_DIND_REF, composeFrom: TRIXIE_REF }),
  },
  { ref: PROBE_REF, origin: "harness", visibility: "scenario", buildName: "dockproof-probe", recipe: probeRecipe(BASE_REF) },
  {
    ref: "node:20",
    origin: "upstream",
    visibility: "scenario",
    buildName: "node-20",
    limitations: [...NODE_LIMITATIONS, SIZE_LIMITATION],
    recipe: nodeRecipe({ baseRef: BASE_REF, nodeMajor: 20, npmMajor: 10 }),
  },
  {
    ref: "mongo",
    origin: "upstream",
    visibility: "scenario",
    buildName: "mongo",
    substituteName: "mongo-compat",
    limitations: [...MONGO_COMPAT_LIMITATIONS, SIZE_LIMITATION],
    recipe: mongoCompatRecipe({ nodeRef: "node:20" }),
  },
  {
    ref: "nginx",
    origin: "upstream",
    visibility: "scenario",
    buildName: "nginx",
    limitations: [...NGINX_LIMITATIONS, SIZE_LIMITATION],
    recipe: nginxRecipe({ baseRef: BASE_REF }),
  },
  {
    ref: "redis",
    origin: "upstream",
    visibility: "scenario",
    buildName: "redis",
    limitations: [...REDIS_LIMITATIONS, SIZE_LIMITATION],
    recipe: redisRecipe({ baseRef: BASE_REF }),
  },
  {
    ref: "registry:2",
    origin: "upstream",
    visibility: "scenario",
    buildName: "registry-2",
    limitations: [
      "Debian bookworm's docker-registry 2.8.2, not the image's current 2.8 release.",
      "Storage drivers filesystem, inmemory, s3 and swift only: no azure, gcs or oss.",
      SIZE_LIMITATION,
    ],
    recipe: registryRecipe({ baseRef: BASE_REF }),
  },
  alpineTag("node:20-alpine", "node:20", "node-20-alpine", NODE_LIMITATIONS),
  alpineTag("nginx:alpine", "nginx", "nginx-alpine", NGINX_LIMITATIONS),
  alpineTag("redis:alpine", "redis", "redis-alpine", REDIS_LIMITATIONS),
  {
    ref: "alpine",
    origin: "upstream",
    visibility: "scenario",
    buildName: "alpine",
    limitations: [
      ...ALPINE_LIMITATIONS,
      "The shell is Debian's dash, with busybox's wget, nc, ping, vi and less beside Debian's own tools: not Alpine's busybox ash.",
    ],
    recipe: alpineRecipe({ baseRef: BASE_REF }),
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
  /** What the stand-in for `ref` does not do, in the catalog's own sentences (what checks cite); none for others. */
  limitationsOf(ref: string): readonly string[] {
    return ENTRIES.find((entry) => entry.ref === ref)?.limitations ?? [];
  },
} as const;
