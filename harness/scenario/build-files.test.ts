import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkWorkdir } from "./workdir-checks.js";

const MARKER = "SECRET-MARKER-DOCKERFILE";
let outer = "";
let project = "";
beforeAll(async () => {
  outer = await realpath(await mkdtemp(path.join(tmpdir(), "dockproof-build-files-")));
  project = path.join(outer, "project");
  await mkdir(path.join(project, "app"), { recursive: true });
  await writeFile(path.join(outer, "secret"), `FROM ${MARKER}\n`);
  await writeFile(path.join(project, "package.json"), "{}\n");
  await writeFile(path.join(project, "Dockerfile"), "FROM dockproof/probe\n");
  await writeFile(path.join(project, "app", "Dockerfile"), "FROM dockproof/probe\n");
  await symlink("app/Dockerfile", path.join(project, "inside.Dockerfile"));
  await symlink("../secret", path.join(project, "secret.Dockerfile"));
  await symlink("/", path.join(project, "host-root"));
  await writeFile(path.join(project, "big.Dockerfile"), `FROM dockproof/probe\n${"# padding\n".repeat(110_000)}`);
  await writeFile(path.join(project, "latin1.Dockerfile"), Buffer.from("FROM caf\xe9\n", "latin1"));
  execFileSync("mkfifo", [path.join(project, "pipe.Dockerfile")]);
});
afterAll(() => rm(outer, { recursive: true, force: true }));

const problemsFor = (...runs: string[]) =>
  checkWorkdir({ steps: runs.map((run) => ({ run })) }, path.join(project, "s.yaml")).map((p) => `${p.path.join(".")} ${p.code} ${p.message}`);

describe("Dockerfiles and build contexts a scenario names", () => {
  it("accepts regular Dockerfiles, links that stay inside, and names that are not there or not local", () => {
    expect(
      problemsFor(
        "docker build -t a .",
        "docker build -t b app",
        "docker build -f inside.Dockerfile -t c .",
        "docker build -f missing.Dockerfile -t d .",
        "docker build -f - -t e .",
        "docker build -f ${file} -t f .",
        "docker build -t g https://example.invalid/app.git",
        // Written as leaving the folder: the command checks report it, not these.
        "docker build -f ../secret -t h .",
      ),
    ).toEqual([]);
  });

  it("refuses a -f Dockerfile symlinked out, naming where it points and nothing of it", () => {
    const problems = problemsFor("docker build -f secret.Dockerfile -t x .");
    expect(problems).toEqual([
      `steps.0.run E_FILE_OUTSIDE Dockerfile "secret.Dockerfile": expected a regular file inside the scenario's folder ${project}, found a symlink to "../secret", which resolves to ${outer}/secret, outside it`,
    ]);
    expect(problems.join("\n")).not.toContain(MARKER);
  });

  it("refuses a build context symlinked out (the docker CLI would send what it points to)", () => {
    expect(problemsFor("docker image build -t x host-root")).toEqual([
      `steps.0.run E_FILE_OUTSIDE build context "host-root": expected a folder inside the scenario's folder ${project}, found a path through a symlink, which resolves to /, outside it`,
    ]);
  });

  it("refuses a Dockerfile over 1 MiB, not UTF-8, or a FIFO; the context's own Dockerfile too", async () => {
    expect(problemsFor("docker build -f big.Dockerfile .", "docker build --file=latin1.Dockerfile .", "docker build -f pipe.Dockerfile .")).toEqual([
      'steps.0.run E_FILE_TOO_LARGE Dockerfile "big.Dockerfile": expected at most 1.0 MiB (the limit for Dockerfiles), found 1.0 MiB (1100021 bytes)',
      'steps.1.run E_FILE_BINARY Dockerfile "latin1.Dockerfile": expected UTF-8 text, found the byte 0xE9 at line 1, column 9, which is not UTF-8',
      'steps.2.run E_FILE_NOT_REGULAR Dockerfile "pipe.Dockerfile": expected a regular file, found a named pipe (FIFO)',
    ]);
    await mkdir(path.join(project, "ctx"));
    await symlink("../../secret", path.join(project, "ctx", "Dockerfile"));
    expect(problemsFor("docker build ctx")).toEqual([
      `steps.0.run E_FILE_OUTSIDE Dockerfile "ctx/Dockerfile": expected a regular file inside the scenario's folder ${project}, found a symlink to "../../secret", which resolves to ${outer}/secret, outside it`,
    ]);
  });

  it("checks against the workdir when there is one, also below folders the copy skips", async () => {
    await writeFile(path.join(project, "app", "root.Dockerfile"), "FROM dockproof/probe\n");
    await symlink("../..", path.join(project, "app", "dist")); // `dist` is never copied, so the link walk skips it
    const check = (run: string) => checkWorkdir({ workdir: "app", steps: [{ run }] }, path.join(project, "s.yaml")).map((p) => p.message);
    expect(check("docker build -f root.Dockerfile .")).toEqual([]);
    expect(check("docker build -f dist/secret .")).toEqual([
      `Dockerfile "dist/secret": expected a regular file inside the workdir ${project}/app, found a path through a symlink, which resolves to ${outer}/secret, outside it`,
    ]);
  });
});

describe("the Dockerfile an image-layers check reads", () => {
  const check = (dockerfile?: string) =>
    checkWorkdir(
      { steps: [{ check: "image-layers", image: "x", base: "y", ...(dockerfile === undefined ? {} : { dockerfile }) }] },
      path.join(project, "s.yaml"),
    ).map((p) => `${p.path.join(".")} ${p.code} ${p.message}`);

  it("accepts the default and a Dockerfile in the folder", () => {
    expect(check()).toEqual([]);
    expect(check("inside.Dockerfile")).toEqual([]);
  });

  it("refuses one that leaves the folder as written (even if missing) or through a symlink, and a FIFO", () => {
    expect(check("/etc/passwd")).toEqual([
      `steps.0.dockerfile E_FILE_OUTSIDE Dockerfile "/etc/passwd": expected a path inside the scenario's folder ${project}, found /etc/passwd, outside it`,
    ]);
    expect(check("../nothing")).toEqual([
      `steps.0.dockerfile E_FILE_OUTSIDE Dockerfile "../nothing": expected a path inside the scenario's folder ${project}, found ${outer}/nothing, outside it`,
    ]);
    expect(check("secret.Dockerfile")).toEqual([
      `steps.0.dockerfile E_FILE_OUTSIDE Dockerfile "secret.Dockerfile": expected a regular file inside the scenario's folder ${project}, found a symlink to "../secret", which resolves to ${outer}/secret, outside it`,
    ]);
    expect(check("pipe.Dockerfile")).toEqual([
      'steps.0.dockerfile E_FILE_NOT_REGULAR Dockerfile "pipe.Dockerfile": expected a regular file, found a named pipe (FIFO)',
    ]);
  });
});
