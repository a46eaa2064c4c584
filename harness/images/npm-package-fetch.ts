import { mkdir } from "node:fs/promises";
import path from "node:path";
import { ImageError } from "../support/errors.js";
import { runCommand } from "./run-checked-command.js";

/**
 * Downloads an npm package ON THE HOST with `npm pack` and unpacks it into `into`.
 *
 * Why the host: the host's npm already has the registry, proxy and CA configuration that works
 * here, while a build container would have to be taught all of that. The npm cache also makes
 * a rebuild (e.g. after the base image changed) skip the download.
 */
export async function fetchNpmPackage(spec: string, options: { into: string; downloadDir: string }): Promise<string> {
  await mkdir(options.downloadDir, { recursive: true });
  const { stdout } = await runCommand("npm", ["pack", spec, "--json", "--pack-destination", options.downloadDir], {
    what: `npm pack ${spec}`,
    timeoutMs: 10 * 60_000,
  });
  let filename: string | undefined;
  try {
    filename = (JSON.parse(stdout) as Array<{ filename?: string }>)[0]?.filename;
  } catch (error) {
    throw new ImageError("IMAGE_BUILD_FAILED", `Expected JSON from \`npm pack ${spec} --json\`, received: ${stdout.slice(0, 200)}`, {
      cause: error,
    });
  }
  if (!filename) {
    throw new ImageError("IMAGE_BUILD_FAILED", `Expected \`npm pack ${spec}\` to name the tarball it wrote, received: ${stdout.slice(0, 200)}`);
  }
  const tarball = path.join(options.downloadDir, path.basename(filename));
  await mkdir(options.into, { recursive: true });
  // npm tarballs put everything under `package/`; strip it so `into` is the package root.
  await runCommand("tar", ["-xzf", tarball, "-C", options.into, "--strip-components=1", "--no-same-owner"], {
    what: `unpacking ${path.basename(tarball)}`,
    timeoutMs: 5 * 60_000,
  });
  return tarball;
}
