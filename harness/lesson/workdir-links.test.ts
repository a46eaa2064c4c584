import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, readlink, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WorkdirCopy } from "../runner/workdir-copy.js";
import { checkWorkdir } from "../scenario/workdir-checks.js";
import { leavingLinks, WorkdirLinkError, workdirLinks } from "./workdir-links.js";

const MARKER = "SECRET-MARKER-WORKDIR";
let project: string;
let app: string;
beforeEach(async () => {
  project = await realpath(await mkdtemp(path.join(tmpdir(), "dockproof-workdir-links-")));
  app = path.join(project, "app");
  await mkdir(path.join(app, "src", "deep"), { recursive: true });
  await mkdir(path.join(app, "node_modules", ".bin"), { recursive: true });
  await writeFile(path.join(project, "package.json"), "{}\n");
  await writeFile(path.join(project, "secret.txt"), `${MARKER}\n`);
  await writeFile(path.join(app, "Dockerfile"), "FROM dockproof/probe\n");
  await writeFile(path.join(app, "src", "index.js"), "console.log(1)\n");
});
afterEach(() => rm(project, { recursive: true, force: true }));

const scenario = () => path.join(project, "s.yaml");
const loadProblems = () => checkWorkdir({ workdir: "app", steps: [] }, scenario()).map((p) => `${p.code} ${p.message}`);

async function insideLinks() {
  await symlink("../Dockerfile", path.join(app, "src", "Dockerfile.link"));
  await symlink(path.join(app, "src", "index.js"), path.join(app, "absolute-inside.js"));
  await symlink("src/deep", path.join(app, "deep-dir"));
  await symlink("../../secret.txt", path.join(app, "node_modules", ".bin", "skipped")); // never copied, never judged
}

describe("workdir symlinks", () => {
  it("keeps links that resolve inside the workdir", async () => {
    await insideLinks();
    const links = workdirLinks(app);
    expect(links.map((link) => link.path)).toEqual(["absolute-inside.js", "deep-dir", "src/Dockerfile.link"]);
    expect(leavingLinks(app, links)).toEqual([]);
    expect(loadProblems()).toEqual([]);
  });

  it("refuses at load links out (absolute, relative, through a link to the workdir itself), dangling and looping, naming each", async () => {
    await symlink("/etc/passwd", path.join(app, "passwd"));
    await symlink("../../secret.txt", path.join(app, "src", "secret"));
    // Read as text the target stays inside (app/here/../secret.txt, a decoy); resolved, `here` is app, so it is the
    // project's. Node's default realpathSync says the decoy; the kernel, and so docker, opens the project's.
    await writeFile(path.join(app, "secret.txt"), "decoy\n");
    await symlink(".", path.join(app, "here"));
    await symlink("here/../secret.txt", path.join(app, "sneaky"));
    await symlink("nothing", path.join(app, "dangling"));
    await symlink("loop", path.join(app, "loop"));
    const rule = "E_WORKDIR expected every symlink in the workdir to point inside it (each run copies the workdir alone), found";
    expect(loadProblems()).toEqual([
      `${rule} dangling -> "nothing", which points at nothing (or loops)`,
      `${rule} loop -> "loop", which points at nothing (or loops)`,
      `${rule} passwd -> "/etc/passwd", which resolves to /etc/passwd`,
      `${rule} sneaky -> "here/../secret.txt", which resolves to ${project}/secret.txt`,
      `${rule} src/secret -> "../../secret.txt", which resolves to ${project}/secret.txt`,
    ]);
    expect(loadProblems().join("\n")).not.toContain(MARKER);
  });

  it("names five links and counts the rest", async () => {
    for (let i = 0; i < 8; i++) await symlink("/etc/hostname", path.join(app, `link-${i}`));
    const problems = loadProblems();
    expect(problems).toHaveLength(6);
    expect(problems.at(-1)).toMatch(/found 3 more symlinks that leave it$/);
  });

  it("refuses a workdir whose real path leaves the project", async () => {
    await rm(app, { recursive: true });
    await symlink("/etc", app);
    expect(loadProblems()).toEqual([
      `E_WORKDIR expected a folder inside the scenario's project (${project}), found "app", which resolves to /etc through a symlink`,
    ]);
  });
});

describe("WorkdirCopy", () => {
  it("copies links as relative links to the same file in the copy, never into the checkout", async () => {
    await insideLinks();
    await using copy = await WorkdirCopy.create(app);
    const copied = (name: string) => path.join(copy.path, name);
    expect(await readlink(copied("src/Dockerfile.link"))).toBe("../Dockerfile");
    expect(await readlink(copied("absolute-inside.js"))).toBe("src/index.js");
    expect(await readlink(copied("deep-dir"))).toBe("src/deep");
    for (const name of ["src/Dockerfile.link", "absolute-inside.js", "deep-dir"])
      expect((await realpath(copied(name))).startsWith(`${await realpath(copy.path)}/`), name).toBe(true);
    expect(await readFile(copied("absolute-inside.js"), "utf8")).toBe("console.log(1)\n");
    expect(existsSync(copied("node_modules"))).toBe(false);
  });

  it("refuses a workdir with a link out at copy time too, without following it", async () => {
    await symlink("../secret.txt", path.join(app, "secret"));
    const error = await WorkdirCopy.create(app).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkdirLinkError);
    expect(error).toMatchObject({ code: "E_WORKDIR_LINK" });
    expect((error as Error).message).toBe(
      `workdir ${app}: expected every symlink in the workdir to point inside it (each run copies the workdir alone), found secret -> "../secret.txt", which resolves to ${project}/secret.txt`,
    );
  });
});
