import { chmod, copyFile, cp, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { ImageError } from "../../support/errors.js";
import { sha256 } from "../recipe-hash.js";
import { runCommand } from "../run-checked-command.js";
import type { Recipe } from "../types.js";
import { dockerfile, fromLine } from "./dockerfile-snippets.js";
import { buildDockerfile } from "./build-dockerfile.js";
import { requireDependency } from "./recipe-dependency.js";

/** The server's npm workspace package, relative to the repository root. */
export const MONGO_COMPAT_DIR = "fixtures/mongo-compat";
const APP_DIR = "/opt/mongo-compat";

export function mongoCompatDockerfile(nodeLocalRef: string): string {
  return dockerfile(
    fromLine(nodeLocalRef),
    // Compiled JS and production node_modules were laid out on the host: no npm, no network here.
    `COPY app/ ${APP_DIR}/`,
    "COPY bin/ /usr/local/bin/",
    // Fail the build, not a lesson, if a dependency is missing from the copied node_modules.
    `RUN node --input-type=module -e "await import('${APP_DIR}/dist/server.js')" && mkdir -p /data/db /data/configdb`,
    // The official image's contract: data in /data/db, port 27017, entrypoint + `mongod`.
    "VOLUME /data/db /data/configdb",
    "EXPOSE 27017",
    "STOPSIGNAL SIGTERM",
    'ENTRYPOINT ["docker-entrypoint.sh"]',
    'CMD ["mongod"]',
  );
}

/** sha256 of every file the image is built from (server sources, scripts, manifests), by relative path. */
export async function sourceDigests(packageDir: string): Promise<Record<string, string>> {
  const digests: Record<string, string> = {};
  const visit = async (relative: string): Promise<void> => {
    for (const entry of await readdir(path.join(packageDir, relative), { withFileTypes: true })) {
      const child = path.posix.join(relative, entry.name);
      if (entry.isDirectory()) await visit(child);
      else if (isBuildInput(child)) digests[child] = sha256(await readFile(path.join(packageDir, child)));
    }
  };
  for (const root of ["src", "docker"]) await visit(root);
  for (const file of ["package.json", "tsconfig.build.json"]) digests[file] = sha256(await readFile(path.join(packageDir, file)));
  return digests;
}

/** Tests and their helpers do not reach the image, so editing them must not rebuild it. */
function isBuildInput(relative: string): boolean {
  return !relative.endsWith(".test.ts") && !relative.startsWith("src/test-support/");
}

interface LockPackage {
  version?: string;
  integrity?: string;
  dependencies?: Record<string, string>;
}

/**
 * The production dependency closure as package-lock.json resolved it: `{name: lockPath}` plus
 * each entry's version and integrity (the hash input). Resolution is npm's: the workspace's own
 * node_modules first, then the root's.
 */
export function productionClosure(
  lock: { packages?: Record<string, LockPackage> },
  workspace: string,
): Map<string, { lockPath: string; version: string; integrity: string }> {
  const packages = lock.packages ?? {};
  const closure = new Map<string, { lockPath: string; version: string; integrity: string }>();
  const pending = Object.keys(packages[workspace]?.dependencies ?? {}).map((name) => ({ name, from: workspace }));
  if (pending.length === 0)
    throw new ImageError("IMAGE_RECIPE_INVALID", `Expected package-lock.json to list ${workspace} with dependencies, received none`);
  for (let next = pending.shift(); next; next = pending.shift()) {
    if (closure.has(next.name)) continue;
    const candidates = [`${next.from}/node_modules/${next.name}`, `${workspace}/node_modules/${next.name}`, `node_modules/${next.name}`];
    const lockPath = candidates.find((candidate) => packages[candidate]);
    const entry = lockPath ? packages[lockPath] : undefined;
    if (!lockPath || !entry?.version)
      throw new ImageError("IMAGE_RECIPE_INVALID", `Expected ${next.name} (needed by ${next.from}) in package-lock.json; run npm install`);
    closure.set(next.name, { lockPath, version: entry.version, integrity: entry.integrity ?? "" });
    for (const name of Object.keys(entry.dependencies ?? {})) pending.push({ name, from: lockPath });
  }
  return closure;
}

/**
 * `mongo`: a MongoDB wire-protocol server of our own (fixtures/mongo-compat) on the node:20
 * substitute. The build context is prepared on the host: the root's TypeScript compiles the
 * server, production dependencies are copied from the installed node_modules (the lockfile's
 * versions, which are hashed), so the build needs neither npm nor a registry.
 */
export function mongoCompatRecipe(options: { nodeRef: string }): Recipe {
  return {
    dependsOn: [options.nodeRef],
    async plan(context) {
      const node = requireDependency(context, options.nodeRef);
      const packageDir = path.join(context.repoRoot, MONGO_COMPAT_DIR);
      const lock = JSON.parse(await readFile(path.join(context.repoRoot, "package-lock.json"), "utf8")) as { packages?: Record<string, LockPackage> };
      const closure = productionClosure(lock, MONGO_COMPAT_DIR);
      const typescript = lock.packages?.["node_modules/typescript"]?.version ?? "missing";
      const text = mongoCompatDockerfile(node.localRef);
      return {
        inputs: {
          kind: "node-app",
          dockerfile: text,
          sources: await sourceDigests(packageDir),
          dependencies: Object.fromEntries([...closure].map(([name, { version, integrity }]) => [name, `${version} ${integrity}`])),
          typescript,
        },
        async build(target) {
          const app = path.join(target.contextDir, "app");
          context.log(`compiling ${MONGO_COMPAT_DIR} with TypeScript ${typescript}`);
          await runCommand(
            process.execPath,
            [
              path.join(context.repoRoot, "node_modules/typescript/bin/tsc"),
              "-p",
              path.join(packageDir, "tsconfig.build.json"),
              "--outDir",
              path.join(app, "dist"),
            ],
            {
              what: `compiling the mongo stand-in (${MONGO_COMPAT_DIR})`,
              timeoutMs: 5 * 60_000,
              failureCode: "IMAGE_BUILD_FAILED",
            },
          );
          for (const [name, { lockPath }] of closure) {
            await cp(path.join(context.repoRoot, lockPath), path.join(app, "node_modules", name), { recursive: true, dereference: true });
          }
          const manifest = JSON.parse(await readFile(path.join(packageDir, "package.json"), "utf8")) as Record<string, unknown>;
          const { name, version, type, dependencies } = manifest;
          await writeFile(path.join(app, "package.json"), `${JSON.stringify({ name, version, private: true, type, dependencies }, null, 2)}\n`);
          await mkdir(path.join(target.contextDir, "bin"), { recursive: true });
          for (const script of ["docker-entrypoint.sh", "mongod", "mongo-compat-initdb"]) {
            const destination = path.join(target.contextDir, "bin", script);
            await copyFile(path.join(packageDir, "docker", script), destination);
            await chmod(destination, 0o755);
          }
          await buildDockerfile(context, target, text, `mongo stand-in on ${node.localRef}`);
        },
      };
    },
  };
}
