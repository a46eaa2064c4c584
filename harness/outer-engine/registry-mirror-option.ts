import { InvalidInputError } from "../support/errors.js";

/** Where a user names the registry mirror(s) the dockerd that dockproof starts pulls Docker Hub images through. */
export const REGISTRY_MIRROR_ENV = "DOCKPROOF_REGISTRY_MIRROR";

/**
 * `http://10.0.0.5:5000,https://10.0.0.6` -> each URL as dockerd stores it (trailing slash). Checked here with
 * the rules of dockerd 20.10 (the oldest engine dockproof starts): http or https, a host, no path, query, fragment or
 * credentials; a daemon given anything else refuses to start and says so only in its log.
 */
export function parseRegistryMirrors(text: string | undefined, source = REGISTRY_MIRROR_ENV): string[] {
  const items = (text ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
  return [...new Set(items.map((item) => validMirror(item, source)))];
}

export const registryMirrorsFromEnv = (env: NodeJS.ProcessEnv = process.env): string[] => parseRegistryMirrors(env[REGISTRY_MIRROR_ENV]);

/** dockerd's own flags for the mirrors, one `--registry-mirror` each. */
export const registryMirrorFlags = (mirrors: readonly string[]): string[] => mirrors.map((mirror) => `--registry-mirror=${mirror}`);

function validMirror(item: string, source: string): string {
  const invalid = (found: string) =>
    new InvalidInputError(
      "E_REGISTRY_MIRROR",
      `${source}: expected a registry mirror URL http(s)://host[:port], found ${JSON.stringify(item)} (${found})`,
    );
  let url: URL;
  try {
    url = new URL(item);
  } catch {
    throw invalid("not a URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw invalid(`scheme ${url.protocol.replace(/:$/, "")}`);
  if (url.username || url.password) throw invalid("credentials in the URL; use docker login for the mirror instead");
  if (url.pathname !== "/" || url.search || url.hash) throw invalid("a path, query or fragment");
  return `${url.protocol}//${url.host}/`;
}
