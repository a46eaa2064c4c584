import { chmod, cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDockerfile } from "../../builds/dockerfile-instructions.js";
import { repoRoot } from "../../support/paths.js";
import { ImageCatalog } from "../catalog.js";
import { LABELS, labelsFor } from "../image-labels.js";
import { recipeHash } from "../recipe-hash.js";
import { runCommand } from "../run-checked-command.js";
import type { PreparedImage, RecipeContext } from "../types.js";
import { NGINX_ROOTFS_DIR, nginxDockerfile, nginxRecipe } from "./nginx.js";

const BASE: PreparedImage = {
  ref: "debian:bookworm-slim",
  localRef: "dockproof/substitute/debian:bookworm-slim-0123456789ab",
  id: "sha256:base",
  digest: null,
  substitute: true,
  substituteFor: "debian:bookworm-slim",
  substituteName: "debian-bookworm-slim",
  cached: true,
  prepareMs: 0,
};
const rootfs = path.join(repoRoot, NGINX_ROOTFS_DIR);

describe("nginx stand-in recipe", () => {
  it("is the catalog's labelled substitute for nginx, built on the Debian base, with its limitations", () => {
    const entry = ImageCatalog.get("nginx");
    expect(entry).toMatchObject({ origin: "upstream", visibility: "scenario" });
    expect(entry?.recipe.dependsOn).toEqual([ImageCatalog.baseRef]);
    expect(labelsFor(entry!, "f".repeat(64))).toMatchObject({ [LABELS.substituteFor]: "nginx", [LABELS.builtFrom]: ImageCatalog.baseRef });
    expect(entry?.limitations?.[0]).toMatch(/nginx 1\.22\.1/);
  });

  it("keeps the real image's contract: entrypoint, port 80, SIGQUIT, nginx in the foreground", () => {
    const parsed = parseDockerfile(nginxDockerfile(BASE.localRef));
    expect(parsed.notes).toEqual([]);
    const lines = parsed.instructions.map((instruction) => instruction.text);
    expect(lines[0]).toBe(`FROM ${BASE.localRef}`);
    expect(lines.slice(-4)).toEqual([
      'ENTRYPOINT ["/docker-entrypoint.sh"]',
      "EXPOSE 80",
      "STOPSIGNAL SIGQUIT",
      'CMD ["nginx", "-g", "daemon off;"]',
    ]);
    const setup = lines.join("\n");
    expect(setup).toContain("ln -sf /dev/stdout /var/log/nginx/access.log");
    expect(setup).toContain("ln -sf /dev/stderr /var/log/nginx/error.log");
    expect(setup).toContain("rm -f /etc/nginx/sites-enabled/default");
    // The service guard is gone from the image: it is removed in the layer after the install.
    expect(setup.indexOf("rm -f /usr/sbin/policy-rc.d")).toBeGreaterThan(setup.indexOf("apt-get install"));
  });

  it("serves conf.d sites only, logs to the symlinked files and caches no open files", async () => {
    const conf = await readFile(path.join(rootfs, "etc/nginx/nginx.conf"), "utf8");
    const directives = conf.replace(/#.*$/gm, "");
    expect(directives).toMatch(/^\s*include \/etc\/nginx\/conf\.d\/\*\.conf;/m);
    expect(directives).not.toContain("sites-enabled");
    expect(directives).not.toContain("open_file_cache");
    expect(directives).toMatch(/^\s*access_log \/var\/log\/nginx\/access\.log main;/m);
    expect(directives).toMatch(/^error_log \/var\/log\/nginx\/error\.log notice;/m);
    const site = await readFile(path.join(rootfs, "etc/nginx/conf.d/default.conf"), "utf8");
    expect(site).toMatch(/listen 80;[\s\S]*root \/usr\/share\/nginx\/html;/);
    expect(await readFile(path.join(rootfs, "usr/share/nginx/html/index.html"), "utf8")).toContain("<title>Welcome to nginx!</title>");
  });

  describe("content hash", () => {
    let scratch: string;
    beforeAll(async () => {
      scratch = await mkdtemp(path.join(tmpdir(), "nginx-recipe-"));
      await cp(rootfs, path.join(scratch, NGINX_ROOTFS_DIR), { recursive: true });
    });
    afterAll(() => rm(scratch, { recursive: true, force: true }));
    const planHash = async (root: string, base = BASE) => {
      const context = { repoRoot: root, dependencies: new Map([[BASE.ref, base]]), log: () => {} } as unknown as RecipeContext;
      return recipeHash({ ref: "nginx", inputs: (await nginxRecipe({ baseRef: BASE.ref }).plan(context)).inputs });
    };

    it("is stable for an unchanged tree and changes with a page, a config line or the base", async () => {
      const first = await planHash(scratch);
      expect(await planHash(scratch)).toBe(first);
      expect(await planHash(scratch, { ...BASE, localRef: "dockproof/substitute/debian:bookworm-slim-ba5eba5eba5e" })).not.toBe(first);
      await writeFile(path.join(scratch, NGINX_ROOTFS_DIR, "usr/share/nginx/html/index.html"), "<!-- edited -->\n", { flag: "a" });
      const edited = await planHash(scratch);
      expect(edited).not.toBe(first);
      await writeFile(path.join(scratch, NGINX_ROOTFS_DIR, "etc/nginx/conf.d/default.conf"), "# edited\n", { flag: "a" });
      expect(await planHash(scratch)).not.toBe(edited);
    });
  });

  describe("entrypoint scripts on this machine", () => {
    let scratch: string;
    beforeAll(async () => {
      scratch = await mkdtemp(path.join(tmpdir(), "nginx-entrypoint-"));
      await mkdir(path.join(scratch, "bin"));
      await writeFile(path.join(scratch, "bin/nginx"), '#!/bin/sh\necho "nginx $*"\n');
      await chmod(path.join(scratch, "bin/nginx"), 0o755);
    });
    afterAll(() => rm(scratch, { recursive: true, force: true }));

    const sh = (script: string, args: string[], env: Record<string, string> = {}) =>
      runCommand("sh", [path.join(rootfs, script), ...args], {
        what: `the nginx stand-in's ${script}`,
        timeoutMs: 10_000,
        env: { PATH: `${path.join(scratch, "bin")}:${process.env.PATH ?? ""}`, ...env },
      });

    it.skipIf(existsSync("/docker-entrypoint.d"))(
      "configures before nginx, stays silent when asked, and runs any other command untouched",
      async () => {
        const entrypoint = "docker-entrypoint.sh";
        expect((await sh(entrypoint, ["nginx", "-g", "daemon off;"])).stdout.split("\n")).toEqual([
          `${path.join(rootfs, entrypoint)}: No files found in /docker-entrypoint.d/, skipping configuration`,
          "nginx -g daemon off;",
        ]);
        expect((await sh(entrypoint, ["nginx", "-T"], { NGINX_ENTRYPOINT_QUIET_LOGS: "1" })).stdout).toBe("nginx -T");
        expect((await sh(entrypoint, ["echo", "plain"])).stdout).toBe("plain");
      },
    );

    it("fills in templates with set variables only, keeping nginx's own $variables", async () => {
      const templates = path.join(scratch, "templates");
      const output = path.join(scratch, "conf.d");
      await mkdir(path.join(templates, "sites"), { recursive: true });
      await mkdir(output, { recursive: true });
      await writeFile(
        path.join(templates, "sites/app.conf.template"),
        "listen ${NGINX_PORT};\nroot $ROOT_DIR;\ntry_files $uri =404;\nset $x ${NEVER_SET};\n",
      );
      await writeFile(path.join(templates, "notes.txt"), "not a template\n");
      const env = { NGINX_ENVSUBST_TEMPLATE_DIR: templates, NGINX_ENVSUBST_OUTPUT_DIR: output, NGINX_PORT: "8080", ROOT_DIR: "/srv" };
      const script = "docker-entrypoint.d/20-envsubst-on-templates.sh";
      await sh(script, [], env);
      expect(await readFile(path.join(output, "sites/app.conf"), "utf8")).toBe(
        "listen 8080;\nroot /srv;\ntry_files $uri =404;\nset $x ${NEVER_SET};\n",
      );
      expect(existsSync(path.join(output, "notes.txt"))).toBe(false);
      // The filter keeps ROOT_DIR out: only names starting with NGINX_ are replaced.
      await sh(script, [], { ...env, NGINX_ENVSUBST_FILTER: "NGINX_" });
      expect(await readFile(path.join(output, "sites/app.conf"), "utf8")).toBe(
        "listen 8080;\nroot $ROOT_DIR;\ntry_files $uri =404;\nset $x ${NEVER_SET};\n",
      );
    });
  });
});
