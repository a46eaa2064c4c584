import type { DockerEngine } from "./docker-engine.js";

/** The one place the official major is chosen; the ref, the expected daemon and the reports follow it. */
const ONLINE_MAJOR = 28;
const ONLINE_REF = `docker:${ONLINE_MAJOR}-dind`;

/**
 * What learners run today: Docker 23+ where `docker build` is BuildKit. Offline, Debian trixie's
 * docker.io 26.1 with the docker-buildx plugin (Debian packages no newer engine).
 */
export const modernEngine: DockerEngine = {
  name: "modern",
  onlineRef: ONLINE_REF,
  catalogRef: ONLINE_REF,
  description: `Docker ${ONLINE_MAJOR} (offline: Debian trixie's docker.io 26.1 + buildx 0.13 + compose 2.26); docker build is BuildKit`,
  daemonMajor: { online: ONLINE_MAJOR, offline: 26 },
  plugins: { online: ["buildx", "compose"], offline: ["buildx", "compose"] },
};
