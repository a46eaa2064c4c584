import type { Docker } from "../docker/docker.js";
import { BUILD_ERROR_CODES, BuildEvidenceError, buildFailure } from "./build-errors.js";
import type { Builder } from "./build-step.js";

export interface BuilderCli {
  builder: Builder;
  /** The docker binary that runs this builder. */
  binary: string;
  clientVersion: string;
  /** legacy: the classic builder. buildx: the plugin. client-builtin: a pre-23 CLI's own BuildKit client. */
  via: "legacy" | "buildx" | "client-builtin";
  /** Environment that selects the builder. */
  env: Record<string, string>;
  /** Flags the builder needs on `docker build`. */
  buildFlags: string[];
}

/**
 * `docker` on PATH first (what a learner runs), then Debian's docker.io CLI. Measured here:
 * docker CLI 28.2 without buildx runs only the legacy builder (it prints a DEPRECATED notice,
 * rejects `--progress`, and `DOCKER_BUILDKIT=1` fails with "BuildKit is enabled but the buildx
 * component is missing or broken"). Debian's /usr/bin/docker 20.10 still has the built-in BuildKit
 * client, and dockerd 20.10 serves BuildKit, also inside the Docker-in-Docker sandbox.
 */
export const DEFAULT_CANDIDATES: readonly string[] = ["docker", "/usr/bin/docker"];
/** Docker 23 made `docker build` a buildx alias and dropped the CLI's own BuildKit client. */
const LAST_BUILTIN_BUILDKIT_MAJOR = 22;
const PROBE_TIMEOUT_MS = 15_000;

interface Probe {
  binary: string;
  version: string;
  major: number;
  buildx: boolean;
}

const probes = new Map<string, Promise<Probe | null>>();

/** The CLI and settings that run `builder` against the engine; throws if none can. */
export async function resolveBuilder(builder: Builder, docker: Docker, candidates: readonly string[] = DEFAULT_CANDIDATES): Promise<BuilderCli> {
  const found = (await Promise.all(candidates.map((binary) => probeCli(binary, docker)))).filter((probe): probe is Probe => probe !== null);
  if (builder === "classic") {
    const cli = found[0];
    // --force-rm: a failed RUN must not leave its container behind (the default keeps it).
    if (cli)
      return { builder, binary: cli.binary, clientVersion: cli.version, via: "legacy", env: { DOCKER_BUILDKIT: "0" }, buildFlags: ["--force-rm"] };
  } else {
    const withBuildx = found.find((probe) => probe.buildx);
    const builtin = found.find((probe) => probe.major <= LAST_BUILTIN_BUILDKIT_MAJOR);
    const cli = withBuildx ?? builtin;
    if (cli) {
      return {
        builder,
        binary: cli.binary,
        clientVersion: cli.version,
        via: cli === withBuildx ? "buildx" : "client-builtin",
        env: { DOCKER_BUILDKIT: "1" },
        buildFlags: ["--progress=plain"],
      };
    }
  }
  const seen = found.map((probe) => `${probe.binary} ${probe.version}${probe.buildx ? " with buildx" : " without buildx"}`).join(", ") || "none";
  throw new BuildEvidenceError(
    BUILD_ERROR_CODES.builderUnavailable,
    builder === "classic"
      ? `No docker CLI found among ${candidates.join(", ")}`
      : `BuildKit needs a docker CLI with the buildx plugin, or one older than 23 (its built-in client); candidates ${candidates.join(", ")}, found: ${seen}`,
  );
}

function probeCli(binary: string, engine: Docker): Promise<Probe | null> {
  let probe = probes.get(binary);
  if (!probe) {
    probe = (async () => {
      const docker = engine.withFailures(buildFailure);
      const options = { timeoutMs: PROBE_TIMEOUT_MS, binary };
      try {
        const version = await docker.query(["--version"], { ...options, what: `${binary} --version` });
        const match = /version (\d+)\.(\S+?),/.exec(version.stdout);
        if (version.exitCode !== 0 || !match) return null;
        const buildx = await docker.query(["buildx", "version"], { ...options, what: `${binary} buildx version` });
        return { binary, version: `${match[1]}.${match[2]}`, major: Number(match[1]), buildx: buildx.exitCode === 0 };
      } catch (error) {
        if (error instanceof BuildEvidenceError && error.code === BUILD_ERROR_CODES.cliMissing) return null;
        throw error;
      }
    })();
    probes.set(binary, probe);
  }
  return probe;
}
