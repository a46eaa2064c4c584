import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { stringify } from "yaml";
import { pollUntil, withDeadline } from "../support/deadline.js";
import { ensureRegistryBinary } from "./registry-binary.js";
import { RegistryError } from "./registry-error.js";
import { OutputTail } from "./registry-output.js";
import { StartedLocalRegistry } from "./started-local-registry.js";

/**
 * Builder for a registry server (distribution 2.8, Debian's docker-registry) on 127.0.0.1, its storage in a fresh
 * temporary folder. It listens on port 0 and we read the port it got from its log: no free-port guess to race.
 */
export class LocalRegistry {
  private readyTimeoutMs = 20_000;
  private log: (line: string) => void = () => {};
  private storage: string | null = null;
  private readOnly = false;
  private netns: { pid: number; address: string } | null = null;

  withReadyTimeout(ms: number): this {
    this.readyTimeoutMs = ms;
    return this;
  }

  withLog(log: (line: string) => void): this {
    this.log = log;
    return this;
  }

  /** Serves another registry's storage folder (left in place on stop) instead of a fresh one. */
  withStorage(dir: string, options: { readOnly: boolean }): this {
    this.storage = dir;
    this.readOnly = options.readOnly;
    return this;
  }

  /**
   * Listens on `address` inside the network namespace of process `pid` (a container's), via nsenter: that container's
   * 127.0.0.1 is its own, so this is how a daemon in it reaches a registry on loopback. Needs root on the engine's host.
   */
  inNetworkNamespaceOf(pid: number, address: string): this {
    this.netns = { pid, address };
    return this;
  }

  async start(): Promise<StartedLocalRegistry> {
    if (this.netns && process.getuid?.() !== 0)
      throw new RegistryError(
        "E_REGISTRY_START",
        `expected to run as root to enter the network namespace of pid ${this.netns.pid} (nsenter), found uid ${process.getuid?.()}`,
      );
    const binary = await ensureRegistryBinary(this.log);
    const dir = await mkdtemp(join(tmpdir(), "dockproof-registry-"));
    const configFile = join(dir, "config.yml");
    const storage = this.storage ?? join(dir, "storage");
    await writeFile(configFile, stringify(registryConfig(storage, this.netns?.address ?? "127.0.0.1:0", this.readOnly)));
    const argv = this.netns ? ["nsenter", `--net=/proc/${this.netns.pid}/ns/net`, "--", binary] : [binary];
    const what = this.netns ? `${binary} in the network namespace of pid ${this.netns.pid}` : binary;
    const child = spawn(argv[0] as string, [...argv.slice(1), "serve", configFile], { stdio: ["ignore", "pipe", "pipe"] });
    const output = new OutputTail();
    const listening = new Promise<string>((resolve, reject) => {
      const onLine = (line: string) => {
        output.add(line);
        const address = /msg="listening on (127\.0\.0\.1:\d+)"/.exec(line)?.[1];
        if (address) resolve(address);
      };
      if (child.stdout) createInterface({ input: child.stdout }).on("line", (line) => output.request(line) ?? onLine(line));
      if (child.stderr) createInterface({ input: child.stderr }).on("line", onLine);
      child.once("error", reject);
      child.once("exit", (code, signal) => reject(new Error(`${what} exited with ${signal ?? code}`)));
    });
    try {
      const address = await withDeadline(listening, this.readyTimeoutMs, `${what} to log "listening on 127.0.0.1:<port>"`);
      const url = `http://${address}`;
      // Inside another namespace the log line is all we can see from here; it is logged once the socket listens.
      if (!this.netns)
        await pollUntil(async () => ((await fetch(`${url}/v2/`, { signal: AbortSignal.timeout(2_000) })).status === 200 ? true : undefined), {
          timeoutMs: this.readyTimeoutMs,
          intervalMs: 100,
          waitedFor: `the registry at ${url} to answer GET /v2/ with 200`,
        });
      this.log(`registry ${what} listening on ${address}, storage ${storage}${this.readOnly ? " (read-only)" : ""}`);
      return new StartedLocalRegistry({ address, dir, storage, output, stop: () => stopProcess(child, what) });
    } catch (error) {
      await stopProcess(child, what);
      await rm(dir, { recursive: true, force: true });
      throw new RegistryError(
        "E_REGISTRY_START",
        `expected ${what} to listen on 127.0.0.1 and answer GET /v2/; found: ${(error as Error).message}${output.describe()}`,
        { cause: error },
      );
    }
  }
}

/** Only what a mirror needs: the filesystem driver, deletes (to replace a tag), no cache (storage may be shared). */
function registryConfig(storageDir: string, addr: string, readOnly: boolean): object {
  return {
    version: 0.1,
    log: { level: "info", accesslog: { disabled: false } },
    storage: {
      filesystem: { rootdirectory: storageDir },
      delete: { enabled: true },
      maintenance: { uploadpurging: { enabled: false }, readonly: { enabled: readOnly } },
    },
    http: { addr, secret: randomBytes(16).toString("hex") },
  };
}

/** SIGTERM, then SIGKILL if it has not exited within 10 s: a stop must never hang a test run. */
async function stopProcess(child: ChildProcess, what: string): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  try {
    await withDeadline(exited, 10_000, `${what} (pid ${child.pid}) to exit after SIGTERM`);
  } catch {
    child.kill("SIGKILL");
    await withDeadline(exited, 5_000, `${what} (pid ${child.pid}) to exit after SIGKILL`);
  }
}
