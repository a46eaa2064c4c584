import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { canStartLocalEngine } from "./start-local-engine.js";

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
