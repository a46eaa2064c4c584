import { describe, expect, it } from "vitest";
import { pluginMissing, pluginNeeded } from "./cli-plugins.js";

describe("pluginNeeded", () => {
  it("reads the plugin off the subcommand, past docker's global options", () => {
    expect(pluginNeeded(["docker", "compose", "up", "-d"])).toBe("compose");
    expect(pluginNeeded(["docker", "--context", "default", "compose", "ps"])).toBe("compose");
    expect(pluginNeeded(["docker", "-H", "unix:///x.sock", "buildx", "build", "."])).toBe("buildx");
    expect(pluginNeeded(["docker-compose", "up"])).toBe("compose");
    expect(pluginNeeded(["/usr/bin/docker-compose", "down"])).toBe("compose");
  });

  it("the twin: commands of the CLI itself, and a plugin's name in an argument, need none", () => {
    expect(pluginNeeded(["docker", "build", "-t", "compose", "."])).toBeNull();
    expect(pluginNeeded(["docker", "run", "--name", "buildx", "nginx"])).toBeNull();
    expect(pluginNeeded(["docker", "--context", "compose", "ps"])).toBeNull();
    expect(pluginNeeded(["npm", "compose"])).toBeNull();
    expect(pluginNeeded([])).toBeNull();
  });

  it("says what is missing where, in one sentence", () => {
    expect(pluginMissing("docker compose up -d", "compose", "engine bare")).toBe(
      "`docker compose up -d` needs the compose plugin, which engine bare lacks",
    );
  });
});
