import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { ImageError } from "../support/errors.js";
import { cacheDir } from "./build-context.js";
import { runCommand } from "./run-checked-command.js";

/**
 * "Latest 20.x" must be known before we can hash a recipe, but asking the registry on every run
 * would make a cached prepare slow and break it when the network is gone. So a resolution is
 * remembered for a day, and an older one is still used (with a log line) if the registry is
 * unreachable.
 */
export const RESOLUTION_TTL_MS = 24 * 60 * 60 * 1000;

interface CachedResolution {
  version: string;
  resolvedAt: string;
}

export interface ResolveOptions {
  repoRoot: string;
  log: (line: string) => void;
  now?: () => Date;
  /** Injected by tests; the default asks the npm client. */
  listVersions?: (spec: string) => Promise<string[]>;
}

export async function resolveLatestVersion(pkg: string, major: number, options: ResolveOptions): Promise<string> {
  const key = `${pkg}@${major}`;
  const file = cacheDir(options.repoRoot, "npm-versions", `${key.replace(/[^A-Za-z0-9@._-]/g, "_")}.json`);
  const now = (options.now ?? (() => new Date()))();
  const cached = await readFile(file, "utf8")
    .then((text) => JSON.parse(text) as CachedResolution)
    .catch(() => null);
  if (cached && now.getTime() - Date.parse(cached.resolvedAt) < RESOLUTION_TTL_MS) return cached.version;

  let versions: string[];
  try {
    versions = await (options.listVersions ?? listVersionsWithNpm)(`${pkg}@${major}`);
  } catch (error) {
    if (cached) {
      options.log(`could not refresh ${key} (${(error as Error).message.split("\n")[0]}); using ${cached.version} from ${cached.resolvedAt}`);
      return cached.version;
    }
    throw new ImageError("IMAGE_VERSION_UNRESOLVED", `Expected the npm registry to list versions of ${key}, received an error`, {
      cause: error,
    });
  }
  const latest = pickLatest(versions, major);
  if (!latest) {
    throw new ImageError(
      "IMAGE_VERSION_UNRESOLVED",
      `Expected at least one ${major}.x release of ${pkg}, received ${versions.length} version(s): ${versions.slice(0, 10).join(", ")}`,
    );
  }
  await mkdir(path.dirname(file), { recursive: true });
  // Write-then-rename so a concurrent reader never sees half a file.
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify({ version: latest, resolvedAt: now.toISOString() } satisfies CachedResolution)}\n`);
  await rename(temporary, file);
  return latest;
}

/** Highest stable `major.x.y`; prereleases are ignored because images should not track them. */
export function pickLatest(versions: readonly string[], major: number): string | null {
  const parsed = versions
    .map((version) => /^(\d+)\.(\d+)\.(\d+)$/.exec(version))
    .filter((match): match is RegExpExecArray => match !== null && Number(match[1]) === major)
    .map((match) => ({ text: match[0], parts: [Number(match[1]), Number(match[2]), Number(match[3])] }));
  parsed.sort((a, b) => (a.parts[1] ?? 0) - (b.parts[1] ?? 0) || (a.parts[2] ?? 0) - (b.parts[2] ?? 0));
  return parsed.at(-1)?.text ?? null;
}

async function listVersionsWithNpm(spec: string): Promise<string[]> {
  const { stdout } = await runCommand("npm", ["view", spec, "version", "--json"], {
    what: `npm view ${spec} version`,
    timeoutMs: 60_000,
  });
  // npm prints a bare string when exactly one version matches, an array otherwise.
  const value = JSON.parse(stdout === "" ? "[]" : stdout) as string | string[];
  return Array.isArray(value) ? value : [value];
}
