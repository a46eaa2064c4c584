import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCommand } from "../run-checked-command.js";
import { dindDockerfile } from "./docker-dind.js";

const SCRIPT = fileURLToPath(new URL("./dockerd-entrypoint.sh", import.meta.url));

describe("dockerd-entrypoint.sh", () => {
  it("is valid POSIX sh", async () => {
    await expect(runCommand("sh", ["-n", SCRIPT], { what: "sh -n on the entrypoint", timeoutMs: 5_000 })).resolves.toBeDefined();
  });

  it("execs non-dockerd commands unchanged, without touching mounts or iptables", async () => {
    const { stdout, stderr } = await runCommand("sh", [SCRIPT, "echo", "plain", "command"], { what: "entrypoint passthrough", timeoutMs: 5_000 });
    expect(stdout).toBe("plain command");
    expect(stderr).toBe("");
  });
});

describe("dindDockerfile", () => {
  it("builds FROM the given base and keeps the official image's entrypoint contract", () => {
    const text = dindDockerfile("dockproof/substitute/debian:bookworm-slim-0123456789ab");
    expect(text.split("\n")[0]).toBe("FROM dockproof/substitute/debian:bookworm-slim-0123456789ab");
    expect(text).toContain("docker.io iptables ca-certificates");
    expect(text).toContain("VOLUME /var/lib/docker");
    expect(text).toContain('ENTRYPOINT ["dockerd-entrypoint.sh"]');
    expect(text).toContain("CMD []");
  });
});
