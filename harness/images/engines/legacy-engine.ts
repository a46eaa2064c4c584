import type { DockerEngine } from "./docker-engine.js";

const REF = "docker:20.10-dind";

/** Docker 20.10, the last engine whose CLI builds with the classic builder by default; offline, Debian bookworm's docker.io. */
export const legacyEngine: DockerEngine = {
  name: "legacy",
  onlineRef: REF,
  catalogRef: REF,
  description: "Docker 20.10 (offline: Debian bookworm's docker.io 20.10 + trixie's compose 2.26 plugin); docker build is the classic builder",
  daemonMajor: { online: 20, offline: 20 },
  // The official image's later 20.10 tags install both plugins (an image that lacks one is found out by the sandbox's
  // own probe, and the scenario is skipped all the same); the substitute takes only compose, from trixie's package.
  plugins: { online: ["buildx", "compose"], offline: ["compose"] },
};
