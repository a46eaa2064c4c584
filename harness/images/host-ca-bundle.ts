import { readFile } from "node:fs/promises";
import { ImageError } from "../support/errors.js";
import { sha256 } from "./recipe-hash.js";

/**
 * The host's full CA bundle. Machines behind a TLS-inspecting proxy trust extra CAs; a container
 * that runs npm fails with SELF_SIGNED_CERT_IN_CHAIN unless it carries the same bundle. Its hash
 * is a recipe input, so a changed trust store rebuilds the images that carry it.
 */
export const CA_BUNDLE_CANDIDATES = [
  "/etc/ssl/certs/ca-certificates.crt", // Debian, Ubuntu, Alpine
  "/etc/pki/tls/certs/ca-bundle.crt", // Fedora, RHEL
  "/etc/ssl/cert.pem", // macOS, some BSDs
] as const;

export interface CaBundle {
  path: string;
  content: Buffer;
  sha256: string;
}

export async function readHostCaBundle(candidates: readonly string[] = CA_BUNDLE_CANDIDATES): Promise<CaBundle> {
  for (const candidate of candidates) {
    const content = await readFile(candidate).catch(() => null);
    if (content && content.length > 0) return { path: candidate, content, sha256: sha256(content) };
  }
  throw new ImageError(
    "IMAGE_HOST_UNSUPPORTED",
    `Images that run npm carry the host's CA bundle: expected one of ${candidates.join(", ")}, received none. ` +
      "Install the ca-certificates package.",
  );
}
