import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { canStartLocalEngine, dockerdArgs, dockerdEnvironment } from "./start-local-engine.js";

describe("canStartLocalEngine", () => {
  it("refuses when DOCKER_HOST is set, naming it: a given engine is never reconfigured", () => {
    const answer = canStartLocalEngine({ DOCKER_HOST: "tcp://10.0.0.5:2375" });
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.reason).toContain("DOCKER_HOST=tcp://10.0.0.5:2375");
    expect(answer.reason).toContain("never reconfigures");
  });

  it("reads the environment it is given, not process.env", () => {
    const saved = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = "unix:///nowhere.sock";
    try {
      const answer = canStartLocalEngine({});
      expect(answer.ok ? "" : answer.reason).not.toContain("DOCKER_HOST");
    } finally {
      if (saved === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = saved;
    }
  });

  const rootOnDebian = process.platform === "linux" && process.getuid?.() === 0 && existsSync("/etc/debian_version");
  it.runIf(rootOnDebian)("agrees to start an engine as root on Debian/Ubuntu when DOCKER_HOST is unset", () => {
    expect(canStartLocalEngine({})).toEqual({ ok: true });
    expect(canStartLocalEngine({ PATH: "/usr/bin" })).toEqual({ ok: true });
  });
});

describe("dockerdEnvironment", () => {
  it("leaves out the starter's TMPDIR (a test run's folder, removed before the engine stops), keeping the rest", () => {
    const env = { TMPDIR: "/tmp/dockproof-tests-x", PATH: "/usr/bin", HOME: "/root" };
    expect(dockerdEnvironment(env)).toEqual({ PATH: "/usr/bin", HOME: "/root" });
    // The twin: nothing else is dropped, and the caller's environment is not changed.
    expect(env.TMPDIR).toBe("/tmp/dockproof-tests-x");
    expect(dockerdEnvironment({ PATH: "/usr/bin" })).toEqual({ PATH: "/usr/bin" });
  });
});

describe("dockerdArgs", () => {
  const dir = mkdtempSync(join(tmpdir(), "dockproof-daemon-json-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const daemonJson = (content: object | null): string => {
    const file = join(dir, `daemon-${Math.random().toString(36).slice(2)}.json`);
    if (content) writeFileSync(file, JSON.stringify(content));
    return file;
  };

  it("gives dockerd nothing of its own without a mirror, whatever daemon.json says", () => {
    expect(dockerdArgs([], daemonJson({ "registry-mirrors": ["http://10.0.0.5:5000"] }))).toEqual([]);
  });

  it("passes each mirror as --registry-mirror when daemon.json is absent or names none", () => {
    const mirrors = ["http://10.0.0.5:5000/", "https://10.0.0.6/"];
    const flags = ["--registry-mirror=http://10.0.0.5:5000/", "--registry-mirror=https://10.0.0.6/"];
    expect(dockerdArgs(mirrors, daemonJson(null))).toEqual(flags);
    expect(dockerdArgs(mirrors, daemonJson({ "log-level": "warn" }))).toEqual(flags);
  });

  it("refuses a mirror when daemon.json sets registry-mirrors too (dockerd would exit, saying so only in its log)", () => {
    const file = daemonJson({ "registry-mirrors": ["http://10.0.0.7:5000"] });
    expect(() => dockerdArgs(["http://10.0.0.5:5000/"], file)).toThrow(
      expect.objectContaining({ code: "E_REGISTRY_MIRROR", message: expect.stringContaining(`expected ${file} to set no registry-mirrors`) }),
    );
  });
});
