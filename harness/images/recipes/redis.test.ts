import { chmod, copyFile, cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDockerfile } from "../../builds/dockerfile-instructions.js";
import { repoRoot } from "../../support/paths.js";
import { ImageCatalog } from "../catalog.js";
import { LABELS, labelsFor } from "../image-labels.js";
import { recipeHash } from "../recipe-hash.js";
import { runCommand } from "../run-checked-command.js";
import type { PreparedImage, RecipeContext } from "../types.js";
import { REDIS_BINARIES, REDIS_ROOTFS_DIR, redisDockerfile, redisRecipe } from "./redis.js";

const BASE: PreparedImage = {
  ref: "debian:bookworm-slim",
  localRef: "dockproof/substitute/debian:bookworm-slim-0123456789ab",
  id: "sha256:base",
  digest: null,
  substitute: true,
  substituteFor: "debian:bookworm-slim",
  substituteName: "debian-bookworm-slim",
  cached: true,
  prepareMs: 0,
};
const rootfs = path.join(repoRoot, REDIS_ROOTFS_DIR);
const ENTRYPOINT = path.join(rootfs, "usr/local/bin/docker-entrypoint.sh");

describe("redis stand-in recipe", () => {
  it("is the catalog's labelled substitute for redis, built on the Debian base, with its limitations", () => {
    const entry = ImageCatalog.get("redis");
    expect(entry).toMatchObject({ origin: "upstream", visibility: "scenario" });
    expect(entry?.recipe.dependsOn).toEqual([ImageCatalog.baseRef]);
    expect(labelsFor(entry!, "f".repeat(64))).toMatchObject({ [LABELS.substituteFor]: "redis", [LABELS.builtFrom]: ImageCatalog.baseRef });
    expect(entry?.limitations?.[0]).toMatch(/redis 7\.0\.15/);
  });

  it("keeps the real image's contract: /data volume and workdir, entrypoint, port 6379, redis-server without a config file", () => {
    const parsed = parseDockerfile(redisDockerfile(BASE.localRef));
    expect(parsed.notes).toEqual([]);
    const lines = parsed.instructions.map((instruction) => instruction.text);
    expect(lines[0]).toBe(`FROM ${BASE.localRef}`);
    expect(lines.slice(-6)).toEqual([
      "VOLUME /data",
      "WORKDIR /data",
      "COPY rootfs/ /",
      'ENTRYPOINT ["docker-entrypoint.sh"]',
      "EXPOSE 6379",
      'CMD ["redis-server"]',
    ]);
    // SIGTERM (the default) is what makes redis save before it exits.
    expect(lines.some((line) => line.startsWith("STOPSIGNAL"))).toBe(false);
    expect(lines.join("\n")).toContain(`for binary in ${REDIS_BINARIES.join(" ")}; do ln -s "/usr/bin/$binary" "/usr/local/bin/$binary"`);
  });

  it("hashes the entrypoint: unchanged hashes the same, an edit changes it", async () => {
    const scratch = await mkdtemp(path.join(tmpdir(), "redis-recipe-"));
    try {
      await cp(rootfs, path.join(scratch, REDIS_ROOTFS_DIR), { recursive: true });
      const planHash = async () => {
        const context = { repoRoot: scratch, dependencies: new Map([[BASE.ref, BASE]]), log: () => {} } as unknown as RecipeContext;
        return recipeHash({ ref: "redis", inputs: (await redisRecipe({ baseRef: BASE.ref }).plan(context)).inputs });
      };
      const first = await planHash();
      expect(await planHash()).toBe(first);
      await writeFile(path.join(scratch, REDIS_ROOTFS_DIR, "usr/local/bin/docker-entrypoint.sh"), "# edited\n", { flag: "a" });
      expect(await planHash()).not.toBe(first);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });

  describe("entrypoint on this machine, as a non-root user", () => {
    let scratch: string;
    beforeAll(async () => {
      // Readable by `nobody`: as root, the script is run as nobody (the root path chowns and drops to `redis`).
      scratch = await mkdtemp(path.join(tmpdir(), "redis-entrypoint-"));
      await chmod(scratch, 0o755);
      for (const name of ["redis-server", "redis-cli"]) {
        await writeFile(path.join(scratch, name), `#!/bin/sh\necho "${name} $* (umask $(umask))"\n`);
        await chmod(path.join(scratch, name), 0o755);
      }
      await writeFile(path.join(scratch, "own.conf"), "# mine\n  protected-mode yes\n");
      await writeFile(path.join(scratch, "plain.conf"), "appendonly yes\n");
      // The checkout may sit below a folder only root can enter (a mktemp clone is 0700): nobody runs a copy.
      await copyFile(ENTRYPOINT, path.join(scratch, "docker-entrypoint.sh"));
    });
    afterAll(() => rm(scratch, { recursive: true, force: true }));

    const run = async (umask: string, ...args: string[]) => {
      const asUser = process.getuid?.() === 0 ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"] : [];
      const argv = [...asUser, "sh", "-c", `umask ${umask}; exec sh "$0" "$@"`, path.join(scratch, "docker-entrypoint.sh"), ...args];
      const [file = "sh", ...rest] = argv;
      return (await runCommand(file, rest, { what: "the redis stand-in's entrypoint", timeoutMs: 10_000, env: { PATH: `${scratch}:/usr/bin:/bin` } }))
        .stdout;
    };

    it("turns flags into redis-server flags and turns protected mode off, unless the user set it", async () => {
      expect(await run("0022", "redis-server")).toBe("redis-server --protected-mode no (umask 0077)");
      expect(await run("0022", "--appendonly", "yes")).toBe("redis-server --appendonly yes --protected-mode no (umask 0077)");
      expect(await run("0022", "--protected-mode", "yes", "--port", "6380")).toBe("redis-server --protected-mode yes --port 6380 (umask 0077)");
    });

    it("reads a config file's protected-mode line: kept when it has one, turned off when it has none", async () => {
      const own = path.join(scratch, "own.conf");
      const plain = path.join(scratch, "plain.conf");
      expect(await run("0022", own)).toBe(`redis-server ${own} (umask 0077)`);
      expect(await run("0022", plain, "--port", "6380")).toBe(`redis-server ${plain} --port 6380 --protected-mode no (umask 0077)`);
    });

    it("tightens only the default umask, and runs any other command untouched", async () => {
      expect(await run("0002", "redis-server")).toBe("redis-server --protected-mode no (umask 0002)");
      expect(await run("0022", "redis-cli", "ping")).toBe("redis-cli ping (umask 0077)");
    });
  });
});
