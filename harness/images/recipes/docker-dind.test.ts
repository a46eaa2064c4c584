import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCommand } from "../run-checked-command.js";
import { COMPOSE_PLUGIN_PATH, DIND_BUILDX_PACKAGES, DIND_PACKAGES, dindDockerfile, dockerDindRecipe } from "./docker-dind.js";
import type { PreparedImage, RecipeContext } from "../types.js";

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

describe("dockerDindRecipe", () => {
  const base = { ref: "debian:trixie-slim", localRef: "dockproof/substitute/debian:trixie-slim-0123456789ab" } as PreparedImage;
  const context = { dependencies: new Map([[base.ref, base]]) } as unknown as RecipeContext;

  it("installs the package list it is given, in order, FROM the base it names", async () => {
    const recipe = dockerDindRecipe({ baseRef: base.ref, packages: DIND_BUILDX_PACKAGES, standsInFor: "docker:28-dind" });
    expect(recipe.dependsOn).toEqual([base.ref]);
    const plan = await recipe.plan(context);
    expect(plan.inputs.packages).toEqual(["docker.io", "docker-buildx", "docker-cli", "docker-compose", "iptables", "ca-certificates"]);
    expect(plan.inputs.dockerfile).toBe(dindDockerfile(base.localRef, DIND_BUILDX_PACKAGES));
    expect(String(plan.inputs.dockerfile)).toContain(
      "install -y --no-install-recommends docker.io docker-buildx docker-cli docker-compose iptables ca-certificates;",
    );
    expect(String(plan.inputs.dockerfile)).not.toContain("AS compose-plugin");
  });

  it("legacy: bookworm's packages as before, and the compose plugin from a trixie build stage", async () => {
    const bookworm = { ref: "debian:bookworm-slim", localRef: "dockproof/substitute/debian:bookworm-slim-0123456789ab" } as PreparedImage;
    const both = { dependencies: new Map([base, bookworm].map((image) => [image.ref, image])) } as unknown as RecipeContext;
    const recipe = dockerDindRecipe({ baseRef: bookworm.ref, packages: DIND_PACKAGES, standsInFor: "docker:20.10-dind", composeFrom: base.ref });
    // The image's own base first: it is the one labelled built-from.
    expect(recipe.dependsOn).toEqual([bookworm.ref, base.ref]);
    const text = String((await recipe.plan(both)).inputs.dockerfile);
    const lines = text.split("\n");
    expect(lines[0]).toBe(`FROM ${base.localRef} AS compose-plugin`);
    expect(text).toContain(`FROM ${bookworm.localRef}\n`);
    expect(text).toContain(`COPY --from=compose-plugin ${COMPOSE_PLUGIN_PATH} ${COMPOSE_PLUGIN_PATH}`);
    // The engine layer's text is unchanged, so a builder cache still has it.
    expect(text).toContain("install -y --no-install-recommends docker.io iptables ca-certificates;");
    expect(text).not.toContain("buildx");
  });

  it("the twin: without composeFrom the legacy image gets no compose at all", async () => {
    const plan = await dockerDindRecipe({ baseRef: base.ref, packages: DIND_PACKAGES, standsInFor: "docker:20.10-dind" }).plan(context);
    expect(plan.inputs.dockerfile).toBe(dindDockerfile(base.localRef));
    expect(String(plan.inputs.dockerfile)).not.toContain("compose");
  });
});
