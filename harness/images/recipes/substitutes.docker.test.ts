import { chmod, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Docker } from "../../docker/docker.js";
import { ensureEngine } from "../../outer-engine/ensure-engine.js";
import { repoRoot } from "../../support/paths.js";
import { ImageCatalog, type PreparedImage, prepareImages } from "../index.js";

// The nginx and redis stand-ins, built the normal way and run on the outer engine as a lesson would run them.
const enabled = process.env.DOCKPROOF_DOCKER_TESTS === "1";
/** Everything this file creates carries this label (and its name this prefix), and is removed by it afterwards. */
const OWNER = `dockproof-substitutes-test-${process.pid}`;
const LABEL = `org.dockproof.test=${OWNER}`;
let counter = 0;

/** The outer engine, set in the first beforeAll. */
let outer: Docker;
const docker = (args: string[], what = `docker ${args.slice(0, 3).join(" ")}`, timeoutMs = 60_000) => outer.run(args, { what, timeoutMs });
const uniqueName = (what: string) => `${OWNER}-${what}-${++counter}`;
const start = async (image: PreparedImage, options: string[] = [], command: string[] = []) => {
  const name = uniqueName(image.ref);
  await docker(["run", "-d", "--name", name, "--label", LABEL, ...options, image.localRef, ...command], `starting ${image.ref} as ${name}`);
  return name;
};
const exec = async (container: string, ...command: string[]) =>
  (await docker(["exec", container, ...command], `${command.join(" ")} in ${container}`)).stdout;
const inspect = async (container: string, format: string) => (await docker(["inspect", "--format", format, container])).stdout;

async function waitFor<T>(what: string, attempt: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = "no attempt";
  while (Date.now() < deadline) {
    try {
      const value = await attempt();
      if (value !== undefined) return value;
      last = "not yet";
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`expected ${what} within ${timeoutMs} ms, last result: ${last}`);
}

/** `docker stop`'s wall time: the stop signal was handled if it is well under the grace period. */
async function timedStop(container: string, graceSeconds: number): Promise<number> {
  const t0 = performance.now();
  await docker(["stop", "--time", String(graceSeconds), container], `docker stop ${container}`, (graceSeconds + 10) * 1000);
  return performance.now() - t0;
}

describe.skipIf(!enabled)("nginx and redis substitutes on the real engine", () => {
  let nginx: PreparedImage;
  let redis: PreparedImage;
  const scratch: string[] = [];

  beforeAll(async () => {
    const lines: string[] = [];
    outer = (await ensureEngine({ stateDir: path.join(repoRoot, ".dockproof") })).docker;
    [nginx, redis] = (await prepareImages(["nginx", "redis"], { mode: "offline", repoRoot, docker: outer, log: (line) => lines.push(line) })) as [
      PreparedImage,
      PreparedImage,
    ];
    for (const image of [nginx, redis]) {
      const size = Number(await inspect(image.localRef, "{{.Size}}"));
      process.stderr.write(
        `[substitutes test] ${image.ref}: ${image.cached ? "cached" : "built"} in ${image.prepareMs} ms, ${(size / 1e6).toFixed(1)} MB\n`,
      );
    }
  }, 20 * 60_000);

  afterAll(async () => {
    const containers = (await docker(["ps", "-aq", "--filter", `label=${LABEL}`])).stdout.split("\n").filter(Boolean);
    if (containers.length > 0) await docker(["rm", "--force", "--volumes", ...containers], "removing this file's containers");
    const volumes = (await docker(["volume", "ls", "-q", "--filter", `label=${LABEL}`])).stdout.split("\n").filter(Boolean);
    if (volumes.length > 0) await docker(["volume", "rm", ...volumes], "removing this file's volumes");
    for (const dir of scratch) await rm(dir, { recursive: true, force: true });
  }, 120_000);

  describe("nginx", () => {
    const published = async (container: string) => `http://${(await docker(["port", container, "80/tcp"])).stdout.split("\n")[0]}`;
    const get = async (url: string) => {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      return { status: response.status, body: await response.text() };
    };
    const serving = async (container: string) => {
      const url = await published(container);
      await waitFor(`nginx in ${container} to answer ${url}`, async () => ((await get(url)).status === 200 ? true : undefined));
      return url;
    };
    /** A folder as a learner's ./site: readable by nginx's workers (mkdtemp makes it 0700). */
    const site = async (files: Record<string, string>) => {
      const dir = await mkdtemp(path.join(tmpdir(), "nginx-site-"));
      scratch.push(dir);
      await chmod(dir, 0o755);
      for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text, { mode: 0o644 });
      return dir;
    };

    it("answers with its default page on port 80, as Debian's nginx 1.22.1 the limitations name", async () => {
      const web = await start(nginx, ["-p", "127.0.0.1::80"]);
      const page = await get(await serving(web));
      expect(page.body).toContain("<title>Welcome to nginx!</title>");
      expect((await get(`${await published(web)}/no-such-page`)).status).toBe(404);
      const version = (await docker(["exec", web, "nginx", "-v"])).stderr;
      expect(version).toBe("nginx version: nginx/1.22.1");
      expect(ImageCatalog.get("nginx")?.limitations?.[0]).toContain(version.split("/")[1]);
    });

    it("serves a bind-mounted folder and shows an edit, in place or by rename, on the next request", async () => {
      const dir = await site({ "index.html": "first version\n" });
      const web = await start(nginx, ["-p", "127.0.0.1::80", "-v", `${dir}:/usr/share/nginx/html`]);
      const url = await serving(web);
      const before = (await get(url)).body;
      expect(before).toBe("first version\n");
      expect(before).not.toContain("Welcome to nginx!");
      await writeFile(path.join(dir, "index.html"), "second version\n");
      expect((await get(url)).body).toBe("second version\n");
      // Editors save by writing a new file and renaming it over the old one: a new inode, same name.
      await writeFile(path.join(dir, ".index.html.swp"), "third version\n", { mode: 0o644 });
      await rename(path.join(dir, ".index.html.swp"), path.join(dir, "index.html"));
      expect((await get(url)).body).toBe("third version\n");
      expect((await get(`${url}/added.html`)).status).toBe(404);
      await writeFile(path.join(dir, "added.html"), "added later\n", { mode: 0o644 });
      expect((await get(`${url}/added.html`)).body).toBe("added later\n");
    });

    it("writes the access log to docker logs' stdout and errors to its stderr", async () => {
      const web = await start(nginx, ["-p", "127.0.0.1::80"]);
      const url = await serving(web);
      const token = `probe-${process.pid}-${Date.now()}`;
      await get(`${url}/?${token}`);
      await get(`${url}/missing-${token}.html`);
      const access = new RegExp(`"GET /\\?${token} HTTP/1\\.1" 200 `);
      const logs = await waitFor("the access line in docker logs", async () => {
        const found = await docker(["logs", web]);
        return access.test(found.stdout) ? found : undefined;
      });
      expect(logs.stderr).not.toMatch(access);
      expect(logs.stderr).toContain(`open() "/usr/share/nginx/html/missing-${token}.html" failed (2: No such file or directory)`);
      expect(logs.stdout).not.toContain("No such file or directory");
    });

    it("runs /docker-entrypoint.d scripts and fills templates before nginx, and not before any other command", async () => {
      const dir = await site({});
      await writeFile(path.join(dir, "90-marker.sh"), "#!/bin/sh\necho from-entrypoint-d > /usr/share/nginx/html/marker.txt\n", { mode: 0o755 });
      await writeFile(
        path.join(dir, "port.conf.template"),
        'server {\n  listen ${PORT};\n  location / { return 200 "port ${PORT} uri $uri\\n"; }\n}\n',
      );
      const mounts = [
        ...["-v", `${dir}/90-marker.sh:/docker-entrypoint.d/90-marker.sh:ro`],
        ...["-v", `${dir}/port.conf.template:/etc/nginx/templates/port.conf.template:ro`, "-e", "PORT=8081"],
      ];
      const web = await start(nginx, ["-p", "127.0.0.1::80", ...mounts]);
      const url = await serving(web);
      expect((await get(`${url}/marker.txt`)).body).toBe("from-entrypoint-d\n");
      expect(await exec(web, "curl", "-s", "http://127.0.0.1:8081/abc")).toBe("port 8081 uri /abc");
      const other = await docker(["run", "--rm", "--label", LABEL, ...mounts, nginx.localRef, "ls", "/etc/nginx/conf.d"]);
      expect(other.stdout).toBe("default.conf");
    });

    it("stops on docker stop within 2 s; a PID 1 that ignores SIGQUIT waits out the grace period", async () => {
      const web = await start(nginx, ["-p", "127.0.0.1::80"]);
      await serving(web);
      expect(await timedStop(web, 10)).toBeLessThan(2_000);
      expect(await inspect(web, "{{.State.ExitCode}}")).toBe("0");
      const deaf = await start(nginx, [], ["sleep", "60"]);
      expect(await timedStop(deaf, 2)).toBeGreaterThanOrEqual(2_000);
    });
  });

  describe("redis", () => {
    const cli = (container: string, ...args: string[]) => exec(container, "redis-cli", ...args);
    const ready = async (container: string) => {
      await waitFor(`redis in ${container} to answer PING`, async () => ((await cli(container, "ping")) === "PONG" ? true : undefined));
      return container;
    };

    it("answers PING with PONG through redis-cli in the container, as Debian's redis 7.0.15 the limitations name", async () => {
      const db = await ready(await start(redis));
      expect(await cli(db, "ping")).toBe("PONG");
      await expect(cli(db, "-p", "6390", "ping")).rejects.toThrow(/Connection refused/);
      const version = /v=(\d+\.\d+\.\d+)/.exec(await exec(db, "redis-server", "--version"))?.[1];
      expect(version).toBe("7.0.15");
      expect(ImageCatalog.get("redis")?.limitations?.[0]).toContain(`redis ${version}`);
    });

    it("accepts clients from other containers (all interfaces, protected mode off) unless told otherwise", async () => {
      const client = async (server: string) => {
        const ip = await inspect(server, "{{.NetworkSettings.IPAddress}}");
        return (await docker(["run", "--rm", "--label", LABEL, redis.localRef, "redis-cli", "-h", ip, "ping"])).stdout;
      };
      expect(await client(await ready(await start(redis)))).toBe("PONG");
      expect(await client(await ready(await start(redis, [], ["--protected-mode", "yes"])))).toMatch(/^DENIED Redis is running in protected mode/);
    });

    it("runs without a config file (RDB snapshots, no AOF, /data) as user redis, and takes flags as the command", async () => {
      const plain = await ready(await start(redis));
      expect(await cli(plain, "config", "get", "save")).toBe("save\n3600 1 300 100 60 10000");
      expect(await cli(plain, "config", "get", "dir")).toBe("dir\n/data");
      expect(await cli(plain, "config", "get", "appendonly")).toBe("appendonly\nno");
      expect(await exec(plain, "sh", "-c", "grep '^Uid:' /proc/1/status")).toMatch(/^Uid:\s+999\s/);
      const aof = await ready(await start(redis, [], ["--appendonly", "yes"]));
      expect(await cli(aof, "config", "get", "appendonly")).toBe("appendonly\nyes");
      expect((await docker(["run", "--rm", "--label", LABEL, redis.localRef, "id", "-u"])).stdout).toBe("0");
    });

    it("keeps a key across docker restart with --appendonly yes on a volume, and loses it with a new container without one", async () => {
      const volume = uniqueName("data");
      await docker(["volume", "create", "--label", LABEL, volume]);
      const kept = await ready(await start(redis, ["-v", `${volume}:/data`], ["--appendonly", "yes"]));
      expect(await cli(kept, "set", "lesson", "kept")).toBe("OK");
      await docker(["restart", kept]);
      expect(await cli(await ready(kept), "get", "lesson")).toBe("kept");
      expect(await exec(kept, "ls", "/data")).toContain("appendonlydir");

      const lost = await ready(await start(redis));
      expect(await cli(lost, "set", "lesson", "kept")).toBe("OK");
      await docker(["rm", "--force", "--volumes", lost]);
      expect(await cli(await ready(await start(redis)), "get", "lesson")).toBe("");
    });

    it("keeps an appended key through a SIGKILL, while the default RDB snapshots (first after 1 h) do not", async () => {
      const afterKill = async (flags: string[]) => {
        const volume = uniqueName("data");
        await docker(["volume", "create", "--label", LABEL, volume]);
        const first = await ready(await start(redis, ["-v", `${volume}:/data`], flags));
        await cli(first, "set", "lesson", "kept");
        await docker(["kill", first]);
        return cli(await ready(await start(redis, ["-v", `${volume}:/data`], flags)), "get", "lesson");
      };
      expect(await afterKill(["--appendonly", "yes"])).toBe("kept");
      expect(await afterKill([])).toBe("");
    });

    it("stops on docker stop within 2 s, saving first; a PID 1 that ignores SIGTERM waits out the grace period", async () => {
      const db = await ready(await start(redis));
      expect(await timedStop(db, 10)).toBeLessThan(2_000);
      expect(await inspect(db, "{{.State.ExitCode}}")).toBe("0");
      expect((await docker(["logs", db])).stdout).toContain("DB saved on disk");
      const deaf = await start(redis, [], ["sleep", "60"]);
      expect(await timedStop(deaf, 2)).toBeGreaterThanOrEqual(2_000);
    });
  });
});
