import { chmod, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repoRoot } from "../../support/paths.js";
import { runCommand } from "../run-checked-command.js";
import { REGISTRY_ROOTFS_DIR, registryDockerfile } from "./registry.js";

const ROOTFS = path.join(repoRoot, REGISTRY_ROOTFS_DIR);

describe("the registry:2 stand-in", () => {
  it("is the real image's contract: port 5000, data in a /var/lib/registry volume, the config file as the command", () => {
    const text = registryDockerfile("dockproof/substitute/debian:bookworm-slim-0123456789ab");
    expect(text).toContain("ln -s /usr/bin/docker-registry /bin/registry");
    expect(text).toContain("VOLUME /var/lib/registry\nEXPOSE 5000\n");
    expect(text).toContain('ENTRYPOINT ["/entrypoint.sh"]\nCMD ["/etc/docker/registry/config.yml"]');
  });

  it("serves on every interface without authentication (Debian's own config asks for htpasswd; this one replaces it)", async () => {
    const config = parse(await readFile(path.join(ROOTFS, "etc/docker/registry/config.yml"), "utf8"));
    expect(config.http.addr).toBe(":5000");
    expect(config.storage.filesystem.rootdirectory).toBe("/var/lib/registry");
    expect(config.auth).toBeUndefined();
  });

  it("its entrypoint serves a config file given as the command, passes registry's own words to it, and runs anything else as given", async () => {
    const bin = await mkdtemp(path.join(tmpdir(), "dockproof-registry-entrypoint-"));
    await writeFile(path.join(bin, "registry"), '#!/bin/sh\necho "registry $*"\n');
    await chmod(path.join(bin, "registry"), 0o755);
    const entrypoint = async (...args: string[]) =>
      (
        await runCommand("sh", [path.join(ROOTFS, "entrypoint.sh"), ...args], {
          what: "the registry entrypoint",
          timeoutMs: 5_000,
          env: { PATH: `${bin}:${process.env.PATH}` },
        })
      ).stdout;
    expect(await entrypoint("/etc/docker/registry/config.yml")).toBe("registry serve /etc/docker/registry/config.yml");
    expect(await entrypoint("garbage-collect", "/c.yml")).toBe("registry garbage-collect /c.yml");
    expect(await entrypoint("echo", "plain")).toBe("plain");
  });
});
