import { chmod, cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../support/paths.js";
import { ImageCatalog } from "../catalog.js";
import { LABELS, labelsFor } from "../image-labels.js";
import { recipeHash } from "../recipe-hash.js";
import { runCommand } from "../run-checked-command.js";
import type { PreparedImage, RecipeContext } from "../types.js";
import { MONGO_COMPAT_DIR, mongoCompatDockerfile, mongoCompatRecipe, productionClosure } from "./mongo-compat.js";

const NODE: PreparedImage = {
  ref: "node:20",
  localRef: "dockproof/substitute/node:20-0123456789ab",
  id: "sha256:node",
  digest: null,
  substitute: true,
  substituteFor: "node:20",
  substituteName: "node-20",
  cached: true,
  prepareMs: 0,
};

describe("mongo stand-in recipe", () => {
  let scratch: string;

  beforeAll(async () => {
    // A copy of just what the plan reads: the package (sans node_modules) and the lockfile.
    scratch = await mkdtemp(path.join(tmpdir(), "mongo-recipe-"));
    await cp(path.join(repoRoot, MONGO_COMPAT_DIR), path.join(scratch, MONGO_COMPAT_DIR), {
      recursive: true,
      filter: (source) => !source.includes(`${path.sep}node_modules`) && !source.includes(`${path.sep}dist`),
    });
    await cp(path.join(repoRoot, "package-lock.json"), path.join(scratch, "package-lock.json"));
  });

  afterAll(() => rm(scratch, { recursive: true, force: true }));

  const planHash = async (root: string) => {
    const context = { repoRoot: root, dependencies: new Map([["node:20", NODE]]), log: () => {} } as unknown as RecipeContext;
    const plan = await mongoCompatRecipe({ nodeRef: "node:20" }).plan(context);
    return recipeHash({ ref: "mongo", inputs: plan.inputs });
  };

  it("is the catalog's labelled substitute for mongo, built on node:20", () => {
    const entry = ImageCatalog.get("mongo");
    expect(entry).toMatchObject({ origin: "upstream", visibility: "scenario" });
    expect(entry?.recipe.dependsOn).toEqual(["node:20"]);
    expect(labelsFor(entry!, "f".repeat(64))).toMatchObject({ [LABELS.substituteFor]: "mongo", [LABELS.builtFrom]: "node:20" });
  });

  it("keeps the official image's contract: /data/db volume, port 27017, entrypoint and mongod", () => {
    const lines = mongoCompatDockerfile(NODE.localRef).trim().split("\n");
    expect(lines[0]).toBe(`FROM ${NODE.localRef}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        "VOLUME /data/db /data/configdb",
        "EXPOSE 27017",
        "STOPSIGNAL SIGTERM",
        'ENTRYPOINT ["docker-entrypoint.sh"]',
        'CMD ["mongod"]',
      ]),
    );
  });

  it("resolves the production closure from the lockfile (bson 6, mingo), not the test drivers", async () => {
    const lock = JSON.parse(await readFile(path.join(repoRoot, "package-lock.json"), "utf8")) as Parameters<typeof productionClosure>[0];
    const closure = productionClosure(lock, MONGO_COMPAT_DIR);
    expect([...closure.keys()].sort()).toEqual(["@mongodb-js/saslprep", "bson", "memory-pager", "mingo", "sparse-bitfield"]);
    expect(closure.get("bson")?.version).toMatch(/^6\./);
    const nested = {
      packages: {
        ws: { dependencies: { a: "1" } },
        "ws/node_modules/a": { version: "2.0.0", dependencies: { b: "1" } },
        "node_modules/b": { version: "1.0.0" },
      },
    };
    expect(Object.fromEntries([...productionClosure(nested, "ws")].map(([name, entry]) => [name, entry.lockPath]))).toEqual({
      a: "ws/node_modules/a",
      b: "node_modules/b",
    });
  });

  it("hashes server sources: an unchanged tree hashes the same, a source edit changes it, a test edit does not", async () => {
    const first = await planHash(scratch);
    expect(await planHash(scratch)).toBe(first);
    await writeFile(path.join(scratch, MONGO_COMPAT_DIR, "src/wire/frame-reader.test.ts"), "// edited test\n", { flag: "a" });
    expect(await planHash(scratch)).toBe(first);
    await writeFile(path.join(scratch, MONGO_COMPAT_DIR, "src/server.ts"), "// edited source\n", { flag: "a" });
    const edited = await planHash(scratch);
    expect(edited).not.toBe(first);
    const lockPath = path.join(scratch, "package-lock.json");
    await writeFile(lockPath, (await readFile(lockPath, "utf8")).replace(/("node_modules\/mingo": \{\s*"version": ")[^"]+/, "$19.9.9"));
    expect(await planHash(scratch)).not.toBe(edited);
  });

  it("has an entrypoint that turns bare flags into `mongod <flags>` and runs anything else as given", async () => {
    const script = path.join(repoRoot, MONGO_COMPAT_DIR, "docker/docker-entrypoint.sh");
    const fakeBin = await mkdtemp(path.join(tmpdir(), "fake-mongod-"));
    await writeFile(path.join(fakeBin, "mongod"), '#!/bin/sh\necho "mongod $*"\n');
    await chmod(path.join(fakeBin, "mongod"), 0o755);
    const env = { PATH: `${fakeBin}:${process.env.PATH ?? ""}` };
    const run = (...args: string[]) => runCommand("sh", [script, ...args], { what: "the mongo entrypoint", timeoutMs: 5_000, env });
    expect((await run("--port", "27018")).stdout).toBe("mongod --port 27018");
    expect((await run("mongod", "--bind_ip_all")).stdout).toBe("mongod --bind_ip_all");
    expect((await run("echo", "plain")).stdout).toBe("plain");
    await rm(fakeBin, { recursive: true, force: true });
  });
});
