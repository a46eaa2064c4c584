import { lstat, mkdir, mkdtemp, readdir, readFile, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { slimRootfs } from "./slim-rootfs.js";

async function tree(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "dockproof-slim-"));
  for (const [relative, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, relative)), { recursive: true });
    await writeFile(path.join(root, relative), content);
  }
  return root;
}

describe("slimRootfs", () => {
  it("drops docs, man pages, apt caches and host identity but keeps copyright files", async () => {
    const root = await tree({
      "etc/dpkg/dpkg.cfg.d/.keep": "",
      "etc/apt/apt.conf.d/.keep": "",
      "etc/hostname": "buildhost\n",
      "usr/share/doc/bash/copyright": "GPL",
      "usr/share/doc/bash/README.gz": "x",
      "usr/share/man/man1/bash.1.gz": "x",
      "usr/share/locale/de/LC_MESSAGES/apt.mo": "x",
      "var/cache/apt/archives/bash_5.2_amd64.deb": "x",
      "var/cache/apt/archives/lock": "",
      "var/cache/apt/pkgcache.bin": "x",
      "var/lib/apt/lists/mirror_dists_Packages": "x",
      "var/log/bootstrap.log": "x",
      "usr/bin/bash": "x",
    });
    await slimRootfs(root);
    expect(await readdir(path.join(root, "usr/share/doc/bash"))).toEqual(["copyright"]);
    expect(await readdir(path.join(root, "usr/share/man"))).toEqual([]);
    expect(await readdir(path.join(root, "usr/share/locale"))).toEqual([]);
    expect(await readdir(path.join(root, "var/cache/apt/archives"))).toEqual(["lock"]);
    expect(await readdir(path.join(root, "var/cache/apt"))).toEqual(["archives"]);
    expect(await readdir(path.join(root, "var/lib/apt/lists"))).toEqual(["partial"]);
    expect(await readdir(path.join(root, "var/log"))).toEqual([]);
    expect(await readFile(path.join(root, "etc/hostname"), "utf8")).toBe("");
    expect(await readFile(path.join(root, "usr/bin/bash"), "utf8")).toBe("x");
    expect(await readFile(path.join(root, "etc/dpkg/dpkg.cfg.d/dockproof-slim"), "utf8")).toContain("path-include /usr/share/doc/*/copyright");
  });

  it("replaces a resolv.conf symlink instead of writing through it to the target", async () => {
    const root = await tree({ "etc/dpkg/dpkg.cfg.d/.keep": "", "etc/apt/apt.conf.d/.keep": "" });
    const outside = await tree({ "resolv.conf": "nameserver 192.0.2.1\n" });
    await symlink(path.join(outside, "resolv.conf"), path.join(root, "etc/resolv.conf"));
    await slimRootfs(root);
    expect((await lstat(path.join(root, "etc/resolv.conf"))).isSymbolicLink()).toBe(false);
    expect(await readFile(path.join(outside, "resolv.conf"), "utf8")).toBe("nameserver 192.0.2.1\n");
  });
});
