// The CLI as plain JavaScript: harness/cli/main.ts and what it imports, bundled by esbuild into dist/cli/<build>/ (one
// chunk per lazily loaded command, npm packages left as imports). Loading that takes Node a fraction of what loading
// the TypeScript through a loader hook (tsx) does, measured in bench/fast.bench.ts. Built by `npm ci` (prepare),
// scripts/ensure-deps.mjs, and by bin/dockproof.mjs itself whenever a source file changed since the last build, so a
// checkout never runs stale code.
//
// dist/cli/current.json names the build and its inputs with their modification times. Each build has its own folder
// and current.json is replaced by a rename, so a CLI started on an older build keeps loading its own chunks (a `run`
// imports some an hour in); builds a day old are removed.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const root = fileURLToPath(new URL("..", import.meta.url));
const distDir = join(root, "dist", "cli");
const pointerFile = join(distDir, "current.json");
const ENTRY = "harness/cli/main.ts";
const KEEP_OLD_BUILDS_MS = 24 * 60 * 60 * 1000;

function readPointer() {
  try {
    return JSON.parse(readFileSync(pointerFile, "utf8"));
  } catch {
    return null;
  }
}

/** The built entry's file URL when the last build is of these sources in this folder, else null (a few ms of stats). */
export function freshBuild() {
  const pointer = readPointer();
  if (!pointer || pointer.root !== root || !Array.isArray(pointer.inputs)) return null;
  for (const [file, mtimeMs, size] of pointer.inputs) {
    try {
      const stat = statSync(join(root, file));
      if (stat.mtimeMs !== mtimeMs || stat.size !== size) return null;
    } catch {
      return null;
    }
  }
  const main = join(distDir, pointer.build, "main.js");
  try {
    statSync(main);
  } catch {
    return null;
  }
  return pathToFileURL(main).href;
}

/**
 * Each source's `import.meta.url` stays the source file's own, so files read beside a module (template-seed.sh, the
 * dind entrypoint) and the repository root (harness/support/paths.ts) are found where they are in the checkout.
 */
const keepImportMetaUrl = {
  name: "keep-import-meta-url",
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      return { contents: source.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)), loader: "ts" };
    });
  },
};

/** Builds the CLI now; returns the entry's file URL. */
export async function buildCli() {
  const { build } = await import("esbuild").catch((error) => {
    throw new Error(`cannot build the CLI: ${error.message}. Run \`npm ci\` in ${root} (the dev dependencies included), then try again.`);
  });
  const started = Date.now();
  const id = `${started.toString(36)}-${process.pid}`;
  const outdir = join(distDir, id);
  const result = await build({
    absWorkingDir: root,
    entryPoints: { main: ENTRY },
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    outdir,
    sourcemap: "linked",
    metafile: true,
    logLevel: "error",
    plugins: [keepImportMetaUrl],
  });
  const inputs = Object.keys(result.metafile.inputs).map((input) => {
    const file = input;
    const stat = statSync(join(root, file));
    // A file changed while the build read it may be in the bundle as it was: recorded as unknown, so the next start rebuilds.
    return [file, stat.mtimeMs >= started ? -1 : stat.mtimeMs, stat.size];
  });
  const temporary = `${pointerFile}.${process.pid}`;
  writeFileSync(temporary, `${JSON.stringify({ build: id, root, inputs })}\n`);
  renameSync(temporary, pointerFile);
  removeOldBuilds(id);
  return pathToFileURL(join(outdir, "main.js")).href;
}

function removeOldBuilds(current) {
  for (const entry of readdirSync(distDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === current) continue;
    const folder = join(distDir, entry.name);
    if (Date.now() - statSync(folder).mtimeMs > KEEP_OLD_BUILDS_MS) rmSync(folder, { recursive: true, force: true });
  }
}

/** The entry to import: the last build if it is fresh, else a new one. */
export async function cliEntry() {
  return freshBuild() ?? (await buildCli());
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  mkdirSync(dirname(pointerFile), { recursive: true });
  const entry = await buildCli();
  process.stderr.write(`dockproof: CLI built (${relative(root, fileURLToPath(entry))})\n`);
}
