import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Makes a debootstrapped tree look like the official `-slim` images: no docs (except copyright),
 * man pages or translations, no apt caches, no host identity. The dpkg/apt snippets keep layers
 * built FROM it slim as well. Everything here is a recipe input, so editing it rebuilds the base.
 */
export const SLIM_RULES = {
  dpkgExcludes: [
    "path-exclude /usr/share/doc/*",
    "path-include /usr/share/doc/*/copyright",
    "path-exclude /usr/share/man/*",
    "path-exclude /usr/share/groff/*",
    "path-exclude /usr/share/info/*",
    "path-exclude /usr/share/lintian/*",
    "path-exclude /usr/share/linda/*",
    "path-exclude /usr/share/locale/*",
  ],
  aptClean: [
    'DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };',
    'APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };',
    'Dir::Cache::pkgcache "";',
    'Dir::Cache::srcpkgcache "";',
  ],
  emptiedDirs: [
    "usr/share/man",
    "usr/share/groff",
    "usr/share/info",
    "usr/share/lintian",
    "usr/share/linda",
    "usr/share/locale",
    "var/lib/apt/lists",
  ],
  /** Docker bind-mounts its own; the bootstrap copied the HOST's, which must not ship. */
  blankedFiles: ["etc/hostname", "etc/resolv.conf"],
  removedFiles: ["var/log/bootstrap.log"],
};

export async function slimRootfs(rootfs: string): Promise<void> {
  const at = (relative: string) => path.join(rootfs, relative);
  await writeFile(at("etc/dpkg/dpkg.cfg.d/dockproof-slim"), `${SLIM_RULES.dpkgExcludes.join("\n")}\n`);
  await writeFile(at("etc/apt/apt.conf.d/dockproof-clean"), `${SLIM_RULES.aptClean.join("\n")}\n`);

  for (const dir of SLIM_RULES.emptiedDirs) await emptyDir(at(dir), new Set(["partial", "lock"]));
  await removeMatching(at("var/cache/apt/archives"), (name) => name.endsWith(".deb"));
  await removeMatching(at("var/cache/apt"), (name) => name.endsWith(".bin"));
  // Keep each package's copyright file, as the official slim images do (license obligations).
  for (const pkg of await readdir(at("usr/share/doc")).catch(() => [] as string[])) {
    await emptyDir(at(path.join("usr/share/doc", pkg)), new Set(["copyright"]));
  }
  for (const file of SLIM_RULES.removedFiles) await rm(at(file), { force: true });
  for (const file of SLIM_RULES.blankedFiles) {
    // rm first: if it is a symlink, writing through it would touch the HOST file it points to.
    await rm(at(file), { force: true });
    await writeFile(at(file), "");
  }
  await mkdir(at("var/lib/apt/lists/partial"), { recursive: true });
}

async function emptyDir(dir: string, keep: ReadonlySet<string>): Promise<void> {
  await removeMatching(dir, (name) => !keep.has(name));
}

async function removeMatching(dir: string, matches: (name: string) => boolean): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter(matches).map((name) => rm(path.join(dir, name), { recursive: true, force: true })));
}
