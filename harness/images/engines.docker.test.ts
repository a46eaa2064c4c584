import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classifyBuildFailure } from "../builds/build-failure.js";
import { parseBuildOutput } from "../builds/build-output.js";
import { dockerfileBlocks } from "../lesson/lesson-text.js";
import type { Docker } from "../docker/docker.js";
import { ensureEngine } from "../outer-engine/ensure-engine.js";
import { defaultLessonsDir } from "../support/paths.js";
import { engineNamed } from "./engines.js";
import { exportImageArchive, type PreparedImage, prepareImages } from "./index.js";

// Real engine, two sandboxes one after the other (a whole dockerd each): opt-in only.
const enabled = process.env.DOCKPROOF_DOCKER_TESTS === "1";
const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url));
/** The lesson's own Dockerfile block (the one that runs prisma), as the lesson says it now: L5 builds the same text. */
async function lessonDockerfileText(): Promise<string> {
  const lines = (await readFile(path.join(defaultLessonsDir(), "docker-layers-volumes-networks.txt"), "utf8")).split("\n");
  const block = dockerfileBlocks(lines).find((candidate) => lines.slice(candidate.from - 1, candidate.to).some((line) => line.includes("prisma")));
  if (!block) throw new Error("expected a Dockerfile block running prisma in docker-layers-volumes-networks.txt, found none");
  return `${lines.slice(block.from - 1, block.to).join("\n")}\n`;
}

/** The capability profile of DEVELOPERS.md, as DindSandbox applies it where --privileged is refused. */
const DIND_RUN_FLAGS = [
  ...["--cap-add", "ALL", "--cap-drop", "SYS_RESOURCE"],
  ...["--security-opt", "seccomp=unconfined", "--security-opt", "apparmor=unconfined", "--security-opt", "systempaths=unconfined"],
  ...["-v", "/sys/fs/cgroup:/sys/fs/cgroup:rw", "-v", "/var/lib/docker"],
];
/**
 * Not the session labels: engines sharing this engine from other pid namespaces (same hostname) take a session
 * whose owner pid they cannot see for dead and reap it (seen: a sandbox removed 1 s after it started).
 */
const labels = ["--label", "org.dockproof.test=engines"];
/** The outer engine, set before the first sandbox starts. */
let outer: Docker;
const docker = (args: string[], what = `docker ${args.slice(0, 3).join(" ")}`, timeoutMs = 120_000) => outer.run(args, { what, timeoutMs });

/** One engine's daemon, started as a sandbox is, with node:20 loaded and the lesson apps copied in. */
class EngineSandbox {
  id = "";
  readyMs = 0;

  async start(image: PreparedImage, node: PreparedImage, lessonDockerfile: string): Promise<void> {
    const t0 = performance.now();
    // The image's default command: dockerd on the unix socket and on tcp 2375, as DindSandbox starts it.
    const run = ["run", "-d", ...labels, ...DIND_RUN_FLAGS, "-p", "127.0.0.1::2375", image.localRef];
    this.id = (await docker(run, `starting ${image.localRef}`)).stdout;
    await this.waitForInfo(30_000);
    this.readyMs = Math.round(performance.now() - t0);
    const port = (await docker(["port", this.id, "2375/tcp"])).stdout.split("\n")[0]?.split(":").pop();
    // docker-proxy accepts on the published port before dockerd serves tcp there; a CLI whose version ping hit
    // that gap falls back to its own API version (1.50) and dockerd 26 (1.45) drops the upload: wait for _ping.
    await waitForPing(`http://127.0.0.1:${port}/_ping`, 10_000);
    // Through the published API, as seedImages loads a sandbox: the archive never enters the container.
    const archive = await exportImageArchive(node, { repoRoot, docker: outer });
    await outer
      .at({ DOCKER_HOST: `tcp://127.0.0.1:${port}` })
      .run(["load", "--input", archive], { what: "docker load of node:20 into the sandbox", timeoutMs: 120_000 });
    await this.exec(["docker", "tag", node.localRef, "node:20"]);
    await this.exec(["mkdir", "-p", "/work"]);
    await docker(["cp", fixture("backend"), `${this.id}:/work/backend`], "copying fixtures/backend");
    // The lesson app as L5 builds it: the fixture's sources with the lesson's Dockerfile written in.
    const app = await mkdtemp(path.join(tmpdir(), "dockproof-engines-"));
    try {
      await cp(fixture("lesson-app"), app, { recursive: true });
      await writeFile(path.join(app, "Dockerfile"), lessonDockerfile);
      await docker(["cp", app, `${this.id}:/work/lesson-app`], "copying fixtures/lesson-app with the lesson's Dockerfile");
    } finally {
      await rm(app, { recursive: true, force: true });
    }
  }

  async exec(command: string[], what = command.join(" ")): Promise<string> {
    return (await docker(["exec", this.id, ...command], what, 300_000)).stdout;
  }

  /** A build may fail; its output (stderr and stdout in arrival order) is the evidence either way. */
  async build(args: string[]): Promise<{ exitCode: number | undefined; text: string }> {
    const result = await outer.query(["exec", this.id, "docker", "build", ...args], {
      what: `docker build ${args.join(" ")} in ${this.id}`,
      timeoutMs: 300_000,
    });
    return { exitCode: result.exitCode, text: result.lines.map((line) => line.text).join("\n") };
  }

  async stop(): Promise<void> {
    if (this.id) await docker(["rm", "--force", "--volumes", this.id], `removing sandbox ${this.id}`).catch(() => {});
  }

  private async waitForInfo(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = "";
    while (Date.now() < deadline) {
      const info = await outer.query(["exec", this.id, "docker", "info", "--format", "{{.ServerVersion}}"], {
        what: `docker info inside ${this.id}`,
        timeoutMs: 10_000,
      });
      // CLI 26's `docker info --format` exits 0 with empty output while the daemon does not answer yet.
      if (info.exitCode === 0 && info.stdout.trim() !== "") return;
      last = info.stderr.trim().split("\n").at(-1) ?? "";
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const logs = await outer.query(["logs", "--tail", "15", this.id], { what: `the last log lines of ${this.id}`, timeoutMs: 10_000 });
    throw new Error(`expected docker info inside ${this.id} to answer within ${timeoutMs} ms, last: ${last}\n${logs.stderr}`);
  }
}

describe.skipIf(!enabled)("engines offline: modern (trixie, BuildKit) and legacy (bookworm, classic)", () => {
  const modern = engineNamed("modern");
  const legacy = engineNamed("legacy");
  let images = new Map<string, PreparedImage>();
  const image = (ref: string): PreparedImage => {
    const found = images.get(ref);
    if (!found) throw new Error(`expected ${ref} among the prepared images, received ${[...images.keys()].join(", ")}`);
    return found;
  };
  let dockerfileText = "";
  const lessonDockerfile = async () => dockerfileText;

  beforeAll(async () => {
    outer = (await ensureEngine({ stateDir: path.join(repoRoot, ".dockproof") })).docker;
    const prepared = await prepareImages([modern.catalogRef, legacy.catalogRef, "node:20"], {
      mode: "offline",
      repoRoot,
      docker: outer,
      log: () => {},
    });
    images = new Map(prepared.map((one) => [one.ref, one]));
    dockerfileText = await lessonDockerfileText();
  }, 20 * 60_000);

  describe("modern", () => {
    const sandbox = new EngineSandbox();
    beforeAll(async () => {
      await sandbox.start(image(modern.catalogRef), image("node:20"), await lessonDockerfile());
      process.stderr.write(`[engines test] modern: docker info answered ${sandbox.readyMs} ms after docker run -d\n`);
    }, 300_000);
    afterAll(() => sandbox.stop(), 120_000);

    it("runs Debian's dockerd 26 with a client whose docker build is buildx (BuildKit)", async () => {
      const versions = await sandbox.exec(["docker", "version", "--format", "{{.Server.Version}} {{.Client.Version}}"]);
      process.stderr.write(`[engines test] modern: server/client ${versions}; ${await sandbox.exec(["docker", "buildx", "version"])}\n`);
      const [server = "", client = ""] = versions.split(" ");
      expect(Number(server.split(".")[0])).toBe(modern.daemonMajor.offline);
      expect(Number(client.split(".")[0])).toBeGreaterThanOrEqual(23); // 23+: `docker build` is `docker buildx build`
      expect(await sandbox.exec(["docker", "buildx", "ls"])).toMatch(/^default\*\s+docker\b/m);
    });

    it("resolves FROM node:20 from the local image store with no flag and no registry; --pull has to ask one and fails", async () => {
      const build = await sandbox.build(["--tag", "backend", "/work/backend"]);
      expect(build.exitCode).toBe(0);
      expect(build.text.split("\n")[0]).toBe('#0 building with "default" instance using docker driver');
      const parsed = parseBuildOutput(build.text, "buildkit", { dockerfile: await readFile(fixture("backend/Dockerfile"), "utf8") });
      expect(parsed).toMatchObject({ error: null, imageId: expect.stringMatching(/^sha256:/) });
      expect(parsed.steps.map((step) => step.dockerfileLine)).toEqual([3, 5, 7, 8, 10, 11]);
      const pulled = await sandbox.build(["--pull", "--tag", "backend-pulled", "/work/backend"]);
      expect(pulled.exitCode).not.toBe(0);
      expect(pulled.text).toMatch(/failed to resolve source metadata for docker\.io\/library\/node:20/);
    });

    it("accepts the lesson's COPY package* . and stops at RUN npx prisma generate, which needs Prisma's host", async () => {
      const build = await sandbox.build(["--tag", "lesson-app", "/work/lesson-app"]);
      const parsed = parseBuildOutput(build.text, "buildkit", { dockerfile: await lessonDockerfile() });
      expect(build.exitCode).toBe(1);
      expect(parsed.steps.find((step) => step.instruction === "COPY package* .")).toMatchObject({ dockerfileLine: 5, status: "done" });
      expect(parsed.steps.find((step) => step.status === "failed")).toMatchObject({ instruction: "RUN npx prisma generate", dockerfileLine: 9 });
      expect(classifyBuildFailure(parsed)).toMatchObject({ cause: "environment", unreachableHost: "binaries.prisma.sh" });
    });

    it("stores the lesson's CMD with its trailing comma in shell form; the same CMD as valid JSON stays exec form", async () => {
      const cmd = (await lessonDockerfile()).split("\n").find((line) => line.startsWith("CMD")) ?? "";
      expect(cmd).toBe('CMD ["node", "dist/index.js", ]');
      const cmdOf = async (tag: string, line: string) => {
        await sandbox.exec(["sh", "-c", `mkdir -p /work/${tag} && printf 'FROM node:20\\n%s\\n' '${line}' > /work/${tag}/Dockerfile`]);
        expect((await sandbox.build(["--tag", tag, `/work/${tag}`])).exitCode).toBe(0);
        return JSON.parse(await sandbox.exec(["docker", "image", "inspect", "--format", "{{json .Config.Cmd}}", tag])) as string[];
      };
      expect(await cmdOf("lesson-cmd", cmd)).toEqual(["/bin/sh", "-c", '["node", "dist/index.js", ]']);
      expect(await cmdOf("json-cmd", 'CMD ["node", "dist/index.js"]')).toEqual(["node", "dist/index.js"]);
    });
  });

  describe("legacy", () => {
    const sandbox = new EngineSandbox();
    beforeAll(async () => {
      await sandbox.start(image(legacy.catalogRef), image("node:20"), await lessonDockerfile());
      process.stderr.write(`[engines test] legacy: docker info answered ${sandbox.readyMs} ms after docker run -d\n`);
    }, 300_000);
    afterAll(() => sandbox.stop(), 120_000);

    it("runs dockerd 20.10 whose own CLI builds with the classic builder and rejects the lesson's COPY package* .", async () => {
      const versions = await sandbox.exec(["docker", "version", "--format", "{{.Server.Version}} {{.Client.Version}}"]);
      process.stderr.write(`[engines test] legacy: server/client ${versions}\n`);
      expect(Number(versions.split(".")[0])).toBe(legacy.daemonMajor.offline);
      const build = await sandbox.build(["--tag", "lesson-app", "/work/lesson-app"]);
      expect(build.text).toMatch(/^Step 1\/10 : FROM node:20$/m);
      const parsed = parseBuildOutput(build.text, "classic", { dockerfile: await lessonDockerfile() });
      expect(parsed.error).toBe("When using COPY with more than one source file, the destination must be a directory and end with a /");
      expect(parsed.steps.at(-1)).toMatchObject({ instruction: "COPY package* .", dockerfileLine: 5, status: "failed" });
      expect(classifyBuildFailure(parsed)?.cause).toBe("dockerfile");
    });
  });
});

async function waitForPing(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no attempt";
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`expected ${url} to answer _ping within ${timeoutMs} ms, last result: ${last}`);
}
