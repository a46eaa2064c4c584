import { closeSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { spawn } from "node:child_process";
import { dirname } from "node:path";
import { openDocker } from "../docker/cli-docker.js";
import { EngineUnavailableError, InvalidInputError } from "../support/errors.js";
import { pollUntil } from "../support/deadline.js";
import { canInstallDebianPackages, findCommand, installDebianPackages } from "../support/debian-packages.js";
import { REGISTRY_MIRROR_ENV, registryMirrorFlags, registryMirrorsFromEnv } from "./registry-mirror-option.js";

export const LOCAL_SOCKET = "/var/run/docker.sock";

export interface LocalEngineOptions {
  logFile: string;
  log: (line: string) => void;
  readyTimeoutMs?: number;
  /**
   * Registry mirrors the started dockerd pulls Docker Hub images through (`--registry-mirror`), for machines that reach
   * a company mirror but not Docker Hub. Default: DOCKPROOF_REGISTRY_MIRROR (comma-separated URLs).
   */
  registryMirrors?: readonly string[];
}

const INSTALL_HINT =
  "install a Docker engine (on Debian/Ubuntu as root: apt-get install docker.io iptables; elsewhere Docker Engine or Docker Desktop) " +
  "and start it, or point DOCKER_HOST at one";

/** Why we may or may not start an engine ourselves: only where we can do it the distribution's own way. */
export function canStartLocalEngine(env: NodeJS.ProcessEnv = process.env): { ok: true } | { ok: false; reason: string } {
  if (env.DOCKER_HOST)
    return { ok: false, reason: `DOCKER_HOST=${env.DOCKER_HOST} is set but does not answer; dockproof never reconfigures a given engine` };
  return canInstallDebianPackages();
}

async function installEngine(log: (line: string) => void): Promise<void> {
  try {
    await installDebianPackages(["docker.io", "iptables"], "no Docker engine answers", log);
  } catch (error) {
    throw new EngineUnavailableError("E_ENGINE_INSTALL", `could not install docker.io and iptables; ${INSTALL_HINT}`, { cause: error });
  }
}

/**
 * dockerd outlives whoever started it, and runc writes its exec files under TMPDIR: a TMPDIR of the starter's (a test
 * run's temporary folder, removed when the run ends) left every later `docker exec` and build failing with "OCI runtime
 * exec failed: open …/runc-process…: no such file or directory". The engine gets the system's own temporary folder.
 */
export function dockerdEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { TMPDIR: _starters, ...rest } = env;
  return rest;
}

/** Installs (if needed) and starts dockerd, detached so it serves later runs too, and waits until it answers. */
export async function startLocalEngine(options: LocalEngineOptions): Promise<void> {
  const allowed = canStartLocalEngine();
  if (!allowed.ok) throw new EngineUnavailableError("E_ENGINE_UNAVAILABLE", `no Docker engine is reachable and ${allowed.reason}; ${INSTALL_HINT}`);
  // Read before anything is installed: a mistyped mirror is bad input, and dockerd would only say so in its log.
  const args = dockerdArgs(options.registryMirrors ?? registryMirrorsFromEnv());
  if ((await findCommand("dockerd")) === null) await installEngine(options.log);
  mkdirSync(dirname(options.logFile), { recursive: true });
  const out = openSync(options.logFile, "a");
  options.log(`starting dockerd${args.length ? ` ${args.join(" ")}` : ""} (log: ${options.logFile})`);
  const child = spawn("dockerd", args, { detached: true, stdio: ["ignore", out, out], env: dockerdEnvironment(process.env) });
  closeSync(out);
  let exited: string | undefined;
  child.once("exit", (code, signal) => (exited = `dockerd exited with ${signal ?? code}; see ${options.logFile}`));
  child.unref();
  await pollUntil(
    async () => {
      if (exited) throw new EngineUnavailableError("E_ENGINE_START", exited);
      const ping = await openDocker({ DOCKER_HOST: `unix://${LOCAL_SOCKET}` }).query(["version", "--format", "{{.Server.Version}}"], {
        what: "the new dockerd's version",
        timeoutMs: 5_000,
      });
      return ping.exitCode === 0 ? true : undefined;
    },
    { timeoutMs: options.readyTimeoutMs ?? 60_000, intervalMs: 250, waitedFor: `dockerd to answer on ${LOCAL_SOCKET} (log: ${options.logFile})` },
  ).catch((error: unknown) => {
    if (error instanceof EngineUnavailableError) throw error;
    throw new EngineUnavailableError("E_ENGINE_START", `dockerd did not become ready; see ${options.logFile}`, { cause: error });
  });
}

const DAEMON_JSON = "/etc/docker/daemon.json";

/**
 * `--registry-mirror` flags for dockerd. dockerd refuses to start when a flag repeats a daemon.json directive
 * ("specified both as a flag and in the configuration file"), and says so only in its log: say it here instead.
 */
export function dockerdArgs(mirrors: readonly string[], daemonJson = DAEMON_JSON): string[] {
  if (mirrors.length === 0) return [];
  let configured: unknown;
  try {
    configured = (JSON.parse(readFileSync(daemonJson, "utf8")) as Record<string, unknown>)["registry-mirrors"];
  } catch {
    configured = undefined; // no daemon.json, or one dockerd itself will complain about
  }
  if (configured !== undefined)
    throw new InvalidInputError(
      "E_REGISTRY_MIRROR",
      `${REGISTRY_MIRROR_ENV}: expected ${daemonJson} to set no registry-mirrors (dockerd refuses both), found ${JSON.stringify(configured)}; unset one of them`,
    );
  return registryMirrorFlags(mirrors);
}
