import { chmod, mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseOsRelease, readHostDistro, requireBootstrapTools } from "./host-distro.js";

async function fakeRoot(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "dockproof-host-"));
  for (const [relative, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, relative)), { recursive: true });
    await writeFile(path.join(root, relative), content);
  }
  return root;
}

describe("parseOsRelease", () => {
  it("unquotes values", () => {
    expect(parseOsRelease('NAME="Debian GNU/Linux"\nVERSION_CODENAME=bookworm\n')).toEqual({
      NAME: "Debian GNU/Linux",
      VERSION_CODENAME: "bookworm",
    });
  });
});

describe("readHostDistro", () => {
  it("reads the suite from os-release and prefers sources.list over sources.list.d", async () => {
    const root = await fakeRoot({
      "etc/os-release": "VERSION_CODENAME=bookworm\n",
      "etc/apt/sources.list": "deb http://one-line.invalid/debian bookworm main\n",
      "etc/apt/sources.list.d/a.sources": "Types: deb\nURIs: http://deb822.invalid/debian\nSuites: bookworm\nComponents: main\n",
    });
    const distro = await readHostDistro(root);
    expect(distro.suite).toBe("bookworm");
    expect(distro.mirror.uri).toBe("http://one-line.invalid/debian");
  });

  it("ignores files apt ignores (e.g. *.disabled)", async () => {
    const root = await fakeRoot({
      "etc/os-release": "VERSION_CODENAME=bookworm\n",
      "etc/apt/sources.list.d/a.sources.disabled": "Types: deb\nURIs: http://off.invalid/d\nSuites: bookworm\nComponents: main\n",
      "etc/apt/sources.list.d/b.sources": "Types: deb\nURIs: http://on.invalid/d\nSuites: bookworm\nComponents: main\n",
    });
    expect((await readHostDistro(root)).mirror.uri).toBe("http://on.invalid/d");
  });

  it("explains what to do on a host without os-release codename", async () => {
    const root = await fakeRoot({ "etc/os-release": 'PRETTY_NAME="Some Other OS"\n' });
    const failure = readHostDistro(root);
    await expect(failure).rejects.toMatchObject({ code: "IMAGE_HOST_UNSUPPORTED" });
    await expect(failure).rejects.toThrow(/"Some Other OS" without a codename.*online/);
  });

  it("explains what to do on a host without apt sources", async () => {
    const root = await fakeRoot({ "etc/os-release": "VERSION_CODENAME=bookworm\n" });
    await expect(readHostDistro(root)).rejects.toThrow(/apt source for suite "bookworm".*received 0 source/);
  });
});

describe("requireBootstrapTools", () => {
  it("tells the user to install debootstrap when it is missing", async () => {
    const empty = await fakeRoot({});
    await expect(requireBootstrapTools(empty, 0)).rejects.toThrow(/apt-get install debootstrap/);
  });

  it("requires root even when debootstrap exists", async () => {
    const bin = await fakeRoot({ debootstrap: "#!/bin/sh\n" });
    await chmod(path.join(bin, "debootstrap"), 0o755);
    await expect(requireBootstrapTools(bin, 1000)).rejects.toThrow(/expected uid 0, received uid 1000/);
    await expect(requireBootstrapTools(bin, 0)).resolves.toBe(path.join(bin, "debootstrap"));
  });
});
