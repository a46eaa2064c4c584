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

  withReadyTimeout(ms: number): this {
    this.readyTimeoutMs = ms;
    return this;
  }

  withLog(log: (line: string) => void): this {
    this.log = log;
    return this;
  }

  async start(): Promise<StartedLocalRegistry> {
    const binary = await ensureRegistryBinary(this.log);
    const dir = await mkdtemp(join(tmpdir(), "dockproof-registry-"));
    const configFile = join(dir, "config.yml");
    await writeFile(configFile, stringify(registryConfig(join(dir, "storage"))));
    const child = spawn(binary, ["serve", configFile], { stdio: ["ignore", "pipe", "pipe"] });
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
      child.once("exit", (code, signal) => reject(new Error(`${binary} exited with ${signal ?? code}`)));
    });
    try {
      const address = await withDeadline(listening, this.readyTimeoutMs, `${binary} to log "listening on 127.0.0.1:<port>"`);
      const url = `http://${address}`;
      await pollUntil(async () => ((await fetch(`${url}/v2/`, { signal: AbortSignal.timeout(2_000) })).status === 200 ? true : undefined), {
        timeoutMs: this.readyTimeoutMs,
        intervalMs: 100,
        waitedFor: `the registry at ${url} to answer GET /v2/ with 200`,
      });
      this.log(`registry ${binary} listening on ${address}, storage ${dir}`);
      return new StartedLocalRegistry({ address, dir, output, stop: () => stopProcess(child, binary) });
    } catch (error) {
      await stopProcess(child, binary);
      await rm(dir, { recursive: true, force: true });
      throw new RegistryError(
        "E_REGISTRY_START",
        `expected ${binary} to listen on 127.0.0.1 and answer GET /v2/; found: ${(error as Error).message}${output.describe()}`,
        { cause: error },
      );
    }
  }
}

/** Only what a mirror needs: the filesystem driver, deletes (to replace a tag), and its own upload secret. */
function registryConfig(storageDir: string): object {
  return {
    version: 0.1,
    log: { level: "info", accesslog: { disabled: false } },
    storage: { filesystem: { rootdirectory: storageDir }, delete: { enabled: true } },
    http: { addr: "127.0.0.1:0", secret: randomBytes(16).toString("hex") },
  };
}

/** SIGTERM, then SIGKILL if it has not exited within 10 s: a stop must never hang a test run. */
async function stopProcess(child: ChildProcess, binary: string): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  try {
    await withDeadline(exited, 10_000, `${binary} (pid ${child.pid}) to exit after SIGTERM`);
  } catch {
    child.kill("SIGKILL");
    await withDeadline(exited, 5_000, `${binary} (pid ${child.pid}) to exit after SIGKILL`);
  }
}
