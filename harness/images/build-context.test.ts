import { describe, expect, it } from "vitest";
import { buildDir, cacheDir, mountsUnder } from "./build-context.js";

const MOUNTS = `/dev/vda / ext4 rw 0 0
proc /proc proc rw 0 0
proc /work/.dockproof/build/base/rootfs/proc proc rw 0 0
sysfs /work/.dockproof/build/base/rootfs/sys sysfs rw 0 0
devpts /work/.dockproof/build/base/rootfs/dev/pts devpts rw 0 0
tmpfs /work/.dockproof/build/base-other tmpfs rw 0 0
tmpfs /work/.dockproof/build/base/with\\040space tmpfs rw 0 0
`;

describe("mountsUnder", () => {
  it("finds leftover mounts below the directory, deepest first, decoding octal escapes", () => {
    expect(mountsUnder(MOUNTS, "/work/.dockproof/build/base")).toEqual([
      "/work/.dockproof/build/base/rootfs/dev/pts",
      "/work/.dockproof/build/base/rootfs/proc",
      "/work/.dockproof/build/base/rootfs/sys",
      "/work/.dockproof/build/base/with space",
    ]);
  });

  it("does not match a sibling that merely shares the prefix", () => {
    expect(mountsUnder(MOUNTS, "/work/.dockproof/build/base-other")).toEqual(["/work/.dockproof/build/base-other"]);
    expect(mountsUnder(MOUNTS, "/work/.dockproof/build/nothing")).toEqual([]);
  });
});

describe("directories", () => {
  it("keeps build contexts and caches under .dockproof in the repo root", () => {
    expect(buildDir("/repo", "node-20")).toBe("/repo/.dockproof/build/node-20");
    expect(cacheDir("/repo", "images", "x.tar")).toBe("/repo/.dockproof/cache/images/x.tar");
  });
});
