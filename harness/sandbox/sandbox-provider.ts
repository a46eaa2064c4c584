import type { EngineConnection } from "../outer-engine/engine-connection.js";
import { cacheDir } from "../images/build-context.js";
import { SandboxError } from "../support/errors.js";
import { repoRoot } from "../support/paths.js";
import { DindSandbox } from "./dind-sandbox.js";
import { HostSandbox } from "./host-sandbox.js";
import type { SeedImage, StartedSandbox } from "./sandbox.js";
import type { SeedTemplate } from "./seed-template.js";
import { setKey } from "./seed-template.js";
import { SCENARIO_LABEL } from "../support/session.js";
import { templateFor } from "./template-store.js";

export type Isolation = "dind" | "host";

/** What one scenario needs of its sandbox. */
export interface SandboxRequest {
  /** The scenario file, for labels and messages. */
  scenario: string;
  /** Image refs the scenario's commands use (the harness's own probe is added by the provider). */
  images: readonly string[];
  /** Host ports the lesson publishes: the sandbox maps them so the scenario's `localhost:P` answers. */
  publishedPorts: readonly number[];
  /** The learner's working folder (a fresh copy): mounted where the sandbox's terminal starts. */
  workdir: string;
}

/** Starts sandboxes; the runner asks one per scenario. Tests give their own (see the runner's unit tests). */
export interface SandboxProvider {
  start(request: SandboxRequest): Promise<StartedSandbox>;
}

/** Every image a sandbox may be asked for, by the ref lessons use; the probe always comes along. */
function seedsFor(request: SandboxRequest, seeds: ReadonlyMap<string, SeedImage>, probeRef: string): SeedImage[] {
  return [...new Set([...request.images, probeRef])].map((ref) => {
    const seed = seeds.get(ref);
    if (!seed) throw new SandboxError("E_SANDBOX", `no prepared image for "${ref}" (prepared: ${[...seeds.keys()].join(", ")})`);
    return seed;
  });
}

export interface ProviderOptions {
  engine: EngineConnection;
  isolation: Isolation;
  /** Outer-engine tag of the image sandboxes run (dind isolation), which is also host isolation's terminal. */
  dindImage: string;
  seeds: ReadonlyMap<string, SeedImage>;
  probeRef: string;
  /** Where template preparation says what it did (default: nowhere). */
  log?: (line: string) => void;
}

/**
 * Each scenario its own Docker-in-Docker daemon, or (isolation host) the outer engine itself. A dind sandbox gets its
 * images from the template of its engine image and image set, prepared on first use and then found on the engine by
 * content (by this and later runs); where none can be had it loads one combined archive.
 */
export function sandboxProvider(options: ProviderOptions): SandboxProvider {
  const templates = new Map<string, Promise<SeedTemplate | null>>();
  const log = options.log ?? (() => {});
  const templateOf = (seeds: readonly SeedImage[]) => {
    const key = setKey(seeds.map((seed) => seed.ref));
    let template = templates.get(key);
    if (!template) {
      template = templateFor(options.engine, options.dindImage, seeds, log);
      templates.set(key, template);
    }
    return template;
  };
  return {
    async start(request) {
      const seeds = seedsFor(request, options.seeds, options.probeRef);
      if (options.isolation === "host") return new HostSandbox(options.engine, options.dindImage).start(seeds, request.workdir);
      return new DindSandbox(options.dindImage, options.engine)
        .withWorkdir(request.workdir)
        .withPublishedPorts(request.publishedPorts)
        .withSeedImages(seeds, cacheDir(repoRoot, "images"))
        .withTemplate(await templateOf(seeds))
        .withLabels({ [SCENARIO_LABEL]: request.scenario })
        .start();
    },
  };
}
