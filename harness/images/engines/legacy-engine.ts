import type { DockerEngine } from "./docker-engine.js";

const REF = "docker:20.10-dind";

/** Docker 20.10, the last engine whose CLI builds with the classic builder by default; offline, Debian bookworm's docker.io. */
export const legacyEngine: DockerEngine = {
  name: "legacy",
  onlineRef: REF,
  catalogRef: REF,
  description: "Docker 20.10 (offline: Debian bookworm's docker.io 20.10); docker build is the classic builder",
  daemonMajor: { online: 20, offline: 20 },
};
