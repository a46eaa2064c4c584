import { chmod, mkdir, mkdtemp, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sha256 } from "../recipe-hash.js";
import { copyRootfs, rootfsDigests } from "./fixture-rootfs.js";

describe("fixture rootfs", () => {
  let scratch: string;
  let tree: string;

  beforeEach(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), "fixture-rootfs-"));
    tree = path.join(scratch, "rootfs");
    await mkdir(path.join(tree, "etc/app"), { recursive: true });
    await writeFile(path.join(tree, "etc/app/app.conf"), "port 80\n");
    await writeFile(path.join(tree, "entrypoint.sh"), "#!/bin/sh\n");
    // chmod, not writeFile's mode: the test's own umask must not decide what is tested.
    await chmod(path.join(tree, "etc/app/app.conf"), 0o664);
    await chmod(path.join(tree, "entrypoint.sh"), 0o775);
  });

  afterEach(() => rm(scratch, { recursive: true, force: true }));

  it("lists every file by sorted relative path with its hash and executable bit", async () => {
    expect(await rootfsDigests(tree)).toEqual({
      "entrypoint.sh": { sha256: sha256("#!/bin/sh\n"), executable: true },
      "etc/app/app.conf": { sha256: sha256("port 80\n"), executable: false },
    });
  });

  it("ignores a checkout's umask (0664 vs 0644) but not a lost executable bit", async () => {
    const first = JSON.stringify(await rootfsDigests(tree));
    await chmod(path.join(tree, "etc/app/app.conf"), 0o644);
    expect(JSON.stringify(await rootfsDigests(tree))).toBe(first);
    await chmod(path.join(tree, "entrypoint.sh"), 0o644);
    expect(JSON.stringify(await rootfsDigests(tree))).not.toBe(first);
  });

  it("refuses a symbolic link, which COPY would not place as the tree shows it", async () => {
    await symlink("app.conf", path.join(tree, "etc/app/link.conf"));
    await expect(rootfsDigests(tree)).rejects.toMatchObject({ code: "IMAGE_RECIPE_INVALID", message: expect.stringContaining("etc/app/link.conf") });
  });

  it("copies with exactly the modes it hashed (0755/0644), whatever the source's", async () => {
    const files = await rootfsDigests(tree);
    const copy = path.join(scratch, "context/rootfs");
    await copyRootfs(tree, copy, files);
    expect((await stat(path.join(copy, "entrypoint.sh"))).mode & 0o777).toBe(0o755);
    expect((await stat(path.join(copy, "etc/app/app.conf"))).mode & 0o777).toBe(0o644);
    expect(await rootfsDigests(copy)).toEqual(files);
  });
});
