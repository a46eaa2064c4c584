import { stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Docker } from "../docker/docker.js";
import { ensureEngine } from "../outer-engine/ensure-engine.js";
import { exportImageArchive, ImageCatalog, LABELS, type PreparedImage, prepareImages } from "./index.js";

// Real engine, real builds: opt-in only. The first run bootstraps Debian (~1 min), later runs are cached.
const enabled = process.env.DOCKPROOF_DOCKER_TESTS === "1";
const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const ALL_REFS = [ImageCatalog.baseRef, ImageCatalog.dindRef, ...ImageCatalog.refs];
/** The capability profile that works where `--privileged` is refused ("unable to apply caps"). */
const DIND_RUN_FLAGS = [
  ...["--cap-add", "ALL", "--cap-drop", "SYS_RESOURCE"],
  ...["--security-opt", "seccomp=unconfined", "--security-opt", "apparmor=unconfined", "--security-opt", "systempaths=unconfined"],
  ...["-v", "/sys/fs/cgroup:/sys/fs/cgroup:rw"],
];

const started: string[] = [];
/** The outer engine, set in the first beforeAll. */
let outer: Docker;
const docker = (args: string[], what = `docker ${args.slice(0, 3).join(" ")}`, timeoutMs = 120_000) => outer.run(args, { what, timeoutMs });
const run = async (image: PreparedImage, ...command: string[]) => (await docker(["run", "--rm", image.localRef, ...command])).stdout;
const byRef = (images: PreparedImage[], ref: string): PreparedImage => {
  const image = images.find((candidate) => candidate.ref === ref);
  if (!image) throw new Error(`expected ${ref} among the prepared images, received ${images.map((i) => i.ref).join(", ")}`);
  return image;
};

describe.skipIf(!enabled)("prepareImages offline against the real engine", () => {
  let images: PreparedImage[] = [];
  const lines: string[] = [];

  beforeAll(async () => {
    outer = (await ensureEngine({ stateDir: path.join(repoRoot, ".dockproof") })).docker;
    images = await prepareImages(ALL_REFS, { mode: "offline", repoRoot, docker: outer, log: (line) => lines.push(line) });
    process.stderr.write(`[images test] ${lines.at(-1) ?? ""}\n`);
  }, 20 * 60_000);

  afterAll(async () => {
    // Remove every container (and its anonymous /var/lib/docker volume) this file started, by id.
    for (const id of started) await docker(["rm", "--force", "--volumes", id], `removing test container ${id}`).catch(() => {});
  }, 120_000);

  it("labels substitutes and the probe, and tags only inside the dockproof namespace", async () => {
    for (const image of images) {
      expect(image.localRef.startsWith("dockproof/")).toBe(true);
      const { stdout } = await docker(["image", "inspect", "--format", "{{json .Config.Labels}}", image.localRef]);
      const labels = JSON.parse(stdout) as Record<string, string>;
      expect(labels[LABELS.contentHash]).toMatch(/^[0-9a-f]{64}$/);
      if (image.ref === ImageCatalog.probeRef) {
        expect(image.substitute).toBe(false);
        expect(labels[LABELS.builtFrom]).toBe(ImageCatalog.baseRef);
      } else {
        expect(image.substitute).toBe(true);
        expect(labels[LABELS.substituteFor]).toBe(image.ref);
      }
    }
  });

  it("reuses every image on a second prepare, well under 5 s", async () => {
    const t0 = performance.now();
    const again = await prepareImages(ALL_REFS, { mode: "offline", repoRoot, docker: outer, log: (line) => lines.push(line) });
    const elapsed = performance.now() - t0;
    expect(again.map((image) => image.cached)).toEqual(ALL_REFS.map(() => true));
    expect(again.map((image) => image.id)).toEqual(images.map((image) => image.id));
    expect(elapsed).toBeLessThan(5_000);
    process.stderr.write(`[images test] second prepare took ${Math.round(elapsed)} ms\n`);
  });

  it("gives the probe getent, busybox httpd/nc/wget and ip", async () => {
    const probe = byRef(images, ImageCatalog.probeRef);
    expect(await run(probe, "getent", "hosts", "localhost")).toMatch(/(127\.0\.0\.1|::1)\s+localhost/);
    expect(await run(probe, "sh", "-c", "busybox httpd --help 2>&1 | head -1; for c in httpd nc wget ip; do command -v $c; done")).toMatch(
      /BusyBox[\s\S]*\/usr\/local\/bin\/httpd\n\/usr\/local\/bin\/nc\n\/usr\/local\/bin\/wget\n\/\S*bin\/ip/,
    );
  });

  it("runs node 20 and npm with the host CA bundle wired in", async () => {
    const node = byRef(images, "node:20");
    expect(await run(node, "node", "--version")).toMatch(/^v20\.\d+\.\d+$/);
    expect(await run(node, "npm", "--version")).toMatch(/^10\.\d+\.\d+$/);
    expect(await run(node, "sh", "-c", 'test -s "$NODE_EXTRA_CA_CERTS" && echo ok')).toBe("ok");
  });

  it("starts the dind substitute with the capability profile and runs a container inside it", async () => {
    const dind = byRef(images, ImageCatalog.dindRef);
    const probe = byRef(images, ImageCatalog.probeRef);
    const t0 = performance.now();
    const { stdout: id } = await docker(["run", "-d", ...DIND_RUN_FLAGS, "-p", "127.0.0.1::2375", dind.localRef], "starting the dind substitute");
    started.push(id);
    const port = (await docker(["port", id, "2375/tcp"])).stdout.split("\n")[0]?.split(":").pop();
    const host = `tcp://127.0.0.1:${port}`;
    await waitForPing(`http://127.0.0.1:${port}/_ping`, 10_000);
    process.stderr.write(`[images test] dind answered _ping after ${Math.round(performance.now() - t0)} ms\n`);
    const sandbox = outer.at({ DOCKER_HOST: host });
    const inner = (args: string[], what?: string) => sandbox.run(args, { what: what ?? `inner docker ${args[0]}`, timeoutMs: 120_000 });
    expect((await inner(["info", "--format", "{{.ServerVersion}}"])).stdout).toMatch(/^\d+\.\d+/);

    const archive = await exportImageArchive(probe, { repoRoot, docker: outer });
    const firstMtime = (await stat(archive)).mtimeMs;
    expect(await exportImageArchive(probe, { repoRoot, docker: outer })).toBe(archive);
    expect((await stat(archive)).mtimeMs).toBe(firstMtime);
    await inner(["load", "--input", archive], "loading the probe into the sandbox");
    await inner(["tag", probe.localRef, probe.ref]);
    expect((await inner(["run", "--rm", probe.ref, "getent", "hosts", "localhost"])).stdout).toContain("localhost");

    // A user network with DNS and a bridge proves the nested iptables setup, not just process start.
    await inner(["network", "create", "probe-net"]);
    await inner(["run", "-d", "--name", "web", "--network", "probe-net", probe.ref, "httpd", "-f", "-p", "8080", "-h", "/etc"]);
    const page = await inner(["run", "--rm", "--network", "probe-net", probe.ref, "sh", "-c", "sleep 0.5; wget -qO- http://web:8080/os-release"]);
    expect(page.stdout).toMatch(/^ID=debian$/m);
    const logs = (await docker(["logs", id])).stderr;
    expect(logs).toMatch(/dockerd-entrypoint: using iptables-(nft|legacy)/);
  });
});

async function waitForPing(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no attempt";
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (response.ok && (await response.text()) === "OK") return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`expected ${url} to answer OK within ${timeoutMs} ms, last result: ${last}`);
}
