import { randomUUID } from "node:crypto";
import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { execa } from "execa";
import { afterAll, describe, expect, inject, test } from "vitest";
import { ensureEngine } from "../outer-engine/ensure-engine.js";
import { repoRoot } from "../support/paths.js";
import { DindSandbox, type StartedDindSandbox } from "./dind-sandbox.js";
import type { SeedImage } from "./sandbox.js";
import { TEMPLATE_LABELS, templateKey } from "./seed-template.js";
import { sweepApiFolders } from "./api-folder.js";
import { reapOrphanedSessions } from "./session-reaper.js";
import { findTemplate, sweepTemplates, templateFor } from "./template-store.js";

const engine = await ensureEngine({ stateDir: `${repoRoot}/.dockproof` });
const provided = inject("dockproof");
const probe = provided.seeds.find((seed) => seed.ref === "dockproof/probe") as SeedImage;
const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const inside = (sandbox: StartedDindSandbox, args: string[]) =>
  sandbox.docker.query(args, { what: `docker ${args.join(" ")} in the sandbox ${sandbox.id}`, timeoutMs: 60_000 });

async function restart(sandbox: StartedDindSandbox): Promise<void> {
  await engine.docker.run(["restart", "--time", "10", sandbox.id], { what: `restarting the sandbox ${sandbox.id}`, timeoutMs: 60_000 });
  const deadline = Date.now() + 60_000;
  while (!(await sandbox.docker.api.ping(2_000))) {
    if (Date.now() > deadline) throw new Error(`expected the restarted sandbox ${sandbox.id} to answer _ping within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.each(provided.engines)("templates on $name", ({ dindImage }) => {
  test("two sandboxes from one template: a deletion in one stays deleted across its daemon's restart, the other is untouched", async () => {
    const template = await templateFor(engine, dindImage, [probe], (line) => process.stderr.write(`${line}\n`));
    expect(template).not.toBeNull();
    const start = () => new DindSandbox(dindImage, engine).withSeedImages([probe]).withTemplate(template).start();
    const [a, b] = await Promise.all([start(), start()]);
    cleanups.push(
      () => a.stop(),
      () => b.stop(),
    );
    expect([a.seeding, b.seeding]).toEqual(["template-mount", "template-mount"]);
    // A fresh daemon all the same: no containers, volumes or build cache of the template's daemon.
    expect((await inside(a, ["ps", "-aq"])).stdout).toBe("");
    expect((await inside(a, ["volume", "ls", "-q"])).stdout).toBe("");

    expect((await inside(a, ["run", "--name", "deleter", "dockproof/probe", "rm", "/etc/os-release"])).exitCode).toBe(0);
    expect((await inside(a, ["commit", "deleter", "deleted:1"])).exitCode).toBe(0);
    await restart(a);
    // The whiteout of the committed layer holds over the template's read-only layers; its twin: the file is there below.
    expect((await inside(a, ["run", "--rm", "deleted:1", "test", "-e", "/etc/os-release"])).exitCode).toBe(1);
    expect((await inside(a, ["run", "--rm", "dockproof/probe", "test", "-e", "/etc/os-release"])).exitCode).toBe(0);
    expect((await inside(a, ["start", "-a", "deleter"])).exitCode).not.toBe(0);

    expect((await inside(b, ["image", "inspect", "deleted:1"])).exitCode).not.toBe(0);
    expect((await inside(b, ["run", "--rm", "dockproof/probe", "test", "-e", "/etc/os-release"])).exitCode).toBe(0);
    const bImages = (await inside(b, ["images", "--format", "{{.Repository}}:{{.Tag}} {{.ID}}"])).stdout;
    expect(bImages).toContain("dockproof/probe:latest");
  });

  test("a template is found by content: another id for the same ref finds none", async () => {
    const template = await templateFor(engine, dindImage, [probe], () => {});
    expect(template).not.toBeNull();
    const engineImageId = template?.engineImageId ?? "";
    expect(await findTemplate(engine.docker, dindImage, engineImageId, [probe])).toMatchObject({ key: template?.key });
    const changed = { ...probe, id: `sha256:${"0".repeat(64)}` };
    expect(templateKey(engineImageId, [changed])).not.toBe(template?.key);
    expect(await findTemplate(engine.docker, dindImage, engineImageId, [changed])).toBeNull();
  });
});

test("kill -9 while a template is prepared leaves only labelled things, which the next run sweeps", async () => {
  const outer = engine.docker;
  const call = (what: string) => ({ what, timeoutMs: 60_000 });
  const dindImage = provided.engines[0]?.dindImage ?? "";
  const ref = `dockproof-speedtest/killed:${randomUUID().slice(0, 8)}`;
  await outer.run(["tag", probe.localRef, ref], call(`tagging ${ref}`));
  cleanups.push(() => outer.query(["rmi", ref], call(`removing ${ref}`)));
  const engineImageId = (await outer.run(["image", "inspect", "--format", "{{.Id}}", dindImage], call(`the id of ${dindImage}`))).stdout.trim();
  const images = [{ ref, localRef: ref, id: probe.id }];
  const key = templateKey(engineImageId, images);
  // One process (no npx in between), so the pid on the labels is the one killed.
  const child = execa(
    "node",
    ["--import", "tsx", "harness/sandbox/template-builder-child.ts", JSON.stringify({ engineImage: dindImage, engineImageId, images })],
    {
      cwd: repoRoot,
      env: { ...process.env, ...outer.env },
      reject: false,
    },
  );
  const ofKey = async () => {
    const volumes = await outer.run(
      ["volume", "ls", "-q", "--filter", `label=${TEMPLATE_LABELS.key}=${key}`],
      call(`the volumes of template ${key}`),
    );
    const containers = await outer.run(["ps", "-aq", "--filter", `label=${TEMPLATE_LABELS.key}=${key}`], call(`the containers of template ${key}`));
    return [...volumes.stdout.split("\n"), ...containers.stdout.split("\n")].filter(Boolean);
  };
  // Kill it once its builder container is up: the data volume exists, the ready marker does not.
  const deadline = Date.now() + 120_000;
  while ((await outer.run(["ps", "-q", "--filter", `label=${TEMPLATE_LABELS.key}=${key}`], call(`the template builder of ${ref}`))).stdout === "") {
    if (Date.now() > deadline) throw new Error(`expected the template builder of ${ref} to run within 120 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill("SIGKILL");
  await child;
  const apiFolders = async () => (await readdir(tmpdir())).filter((name) => name.startsWith(`dockproof-api-${child.pid}-`));
  // Its twin: before the sweep, the debris is there (the builder container, its data volume, its API folder).
  expect((await ofKey()).length).toBeGreaterThanOrEqual(2);
  expect(await apiFolders()).toHaveLength(1);
  await reapOrphanedSessions(outer, () => {});
  await sweepTemplates(outer, () => {});
  await sweepApiFolders();
  expect(await ofKey()).toEqual([]);
  expect(await apiFolders()).toEqual([]);
});
