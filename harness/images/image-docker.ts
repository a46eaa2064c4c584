import type { Docker } from "../docker/docker.js";
import { ImageError } from "../support/errors.js";
import { COMMAND_CODES, type RunOptions, type RunResult } from "./run-checked-command.js";

/** Timeouts are generous upper bounds for slow mirrors/registries, not expected durations. */
export const DOCKER_TIMEOUTS = {
  inspect: 30_000,
  pull: 20 * 60_000,
  build: 20 * 60_000,
  import: 10 * 60_000,
  save: 10 * 60_000,
} as const;

export interface ImageInfo {
  id: string;
  repoDigests: string[];
  labels: Record<string, string>;
  sizeBytes: number;
}

/**
 * What preparing images asks of the engine, through its door: the docker CLI (`docker build`/`import`/`save` are
 * exactly what a user would run), failing with ImageErrors whose code says which step failed.
 */
export class ImageDocker {
  constructor(
    readonly docker: Docker,
    private readonly log: (line: string) => void = () => {},
  ) {}

  async run(args: readonly string[], options: RunOptions): Promise<RunResult> {
    const failing = this.docker.withFailures(
      (kind, message) => new ImageError(kind === "exit" ? (options.failureCode ?? COMMAND_CODES.exit) : COMMAND_CODES[kind], message),
    );
    const env = Object.fromEntries(Object.entries(options.env ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined));
    const result = await failing.run(args, {
      what: options.what,
      timeoutMs: options.timeoutMs,
      env,
      ...(options.cwd ? { cwd: options.cwd } : {}),
      ...(options.onLine ? { onLine: options.onLine } : {}),
    });
    return { stdout: result.stdout, stderr: result.stderr, durationMs: result.durationMs };
  }

  /** `null` means "no such image"; any other failure (daemon down, bad host) is an error. */
  async inspect(ref: string): Promise<ImageInfo | null> {
    try {
      const { stdout } = await this.run(["image", "inspect", "--format", "{{json .}}", ref], {
        what: `docker image inspect ${ref}`,
        timeoutMs: DOCKER_TIMEOUTS.inspect,
      });
      const raw = JSON.parse(stdout) as {
        Id: string;
        RepoDigests?: string[] | null;
        Size?: number;
        Config?: { Labels?: Record<string, string> | null } | null;
      };
      return {
        id: raw.Id,
        repoDigests: raw.RepoDigests ?? [],
        labels: raw.Config?.Labels ?? {},
        sizeBytes: raw.Size ?? 0,
      };
    } catch (error) {
      if (error instanceof ImageError && /no such (image|object)/i.test(String(error.message))) return null;
      throw error;
    }
  }

  async pull(ref: string): Promise<void> {
    await this.run(["pull", ref], {
      what: `docker pull ${ref}`,
      timeoutMs: DOCKER_TIMEOUTS.pull,
      failureCode: "IMAGE_PULL_FAILED",
      onLine: progressFilter(this.log, `pull ${ref}`, (line) => /^(Status|Digest):|: Pull complete$/.test(line)),
    });
  }

  /**
   * DOCKER_BUILDKIT=0 selects the classic builder: it resolves `FROM` strictly from the local image
   * store (our bases exist nowhere else) and prints one "Step n/m" line per instruction, which is
   * exactly the granularity we want for progress logs.
   */
  async build(options: { contextDir: string; tag: string; labels: Record<string, string>; what: string }): Promise<void> {
    const labelArgs = Object.entries(options.labels).flatMap(([key, value]) => ["--label", `${key}=${value}`]);
    await this.run(["build", "--force-rm", "--tag", options.tag, ...labelArgs, options.contextDir], {
      what: options.what,
      timeoutMs: DOCKER_TIMEOUTS.build,
      env: { DOCKER_BUILDKIT: "0" },
      failureCode: "IMAGE_BUILD_FAILED",
      onLine: progressFilter(this.log, options.tag, (line) => /^Step \d+\/\d+ :/.test(line)),
    });
  }

  /** `changes` are Dockerfile instructions applied to the imported filesystem (LABEL, CMD, ENV). */
  async importTar(options: { tarPath: string; tag: string; changes: string[]; what: string }): Promise<void> {
    const changeArgs = options.changes.flatMap((change) => ["--change", change]);
    await this.run(["import", ...changeArgs, options.tarPath, options.tag], {
      what: options.what,
      timeoutMs: DOCKER_TIMEOUTS.import,
      failureCode: "IMAGE_BUILD_FAILED",
    });
  }

  async save(ref: string, outputPath: string): Promise<void> {
    await this.run(["save", "--output", outputPath, ref], {
      what: `docker save ${ref}`,
      timeoutMs: DOCKER_TIMEOUTS.save,
      failureCode: "IMAGE_EXPORT_FAILED",
    });
  }
}

/** Forwards only the lines worth a progress message, prefixed with what they belong to. */
export function progressFilter(log: (line: string) => void, prefix: string, keep: (line: string) => boolean): (line: string) => void {
  return (line) => {
    const trimmed = line.trim();
    if (trimmed !== "" && keep(trimmed)) log(`${prefix}: ${trimmed}`);
  };
}
