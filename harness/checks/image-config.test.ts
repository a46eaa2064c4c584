import { describe, expect, it } from "vitest";
import { FakeDocker } from "../docker/fake-docker.js";
import { StepError } from "../support/errors.js";
import { imageConfigCheck } from "./image-config.js";
import { specOf } from "./test-support/check-spec.js";
import { fakeContext } from "./test-support/fake-context.js";

const inspect = (image: string) => ["image", "inspect", "--format", "{{json .Config}}", image];

/** `docker image inspect --format {{json .Config}}` of an image built from node:20 with a shell-form CMD, as dockerd prints it. */
const NODE_APP_CONFIG = {
  Hostname: "",
  Domainname: "",
  User: "",
  AttachStdin: false,
  AttachStdout: false,
  AttachStderr: false,
  ExposedPorts: { "3000/tcp": {} },
  Tty: false,
  OpenStdin: false,
  StdinOnce: false,
  Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "NODE_VERSION=20.11.0", "NODE_ENV=production"],
  Cmd: ["/bin/sh", "-c", "node server.js"],
  Image: "",
  Volumes: { "/app/data": {} },
  WorkingDir: "/app",
  Entrypoint: ["docker-entrypoint.sh"],
  OnBuild: null,
  Labels: null,
};

const check = (fake: FakeDocker, step: Record<string, unknown>) =>
  imageConfigCheck.run(specOf(imageConfigCheck, { check: "image-config", image: "app:1", ...step }), fakeContext({ docker: fake }));

const scripted = (config: unknown = NODE_APP_CONFIG) => new FakeDocker().on(inspect("app:1"), { stdout: `${JSON.stringify(config)}\n` });

describe("image-config", () => {
  it("passes when every expectation holds, and shows the whole configuration as evidence", async () => {
    const fake = scripted();
    const outcome = await check(fake, {
      cmd: { form: "shell", words: ["node", "server.js"], program: "node" },
      entrypoint: { form: "exec", words: ["docker-entrypoint.sh"] },
      workingDir: "/app",
      exposedPorts: ["3000"],
      volumes: ["/app/data"],
      env: ["NODE_VERSION", "NODE_ENV=production"],
    });
    expect(outcome).toEqual({
      passed: true,
      message: 'app:1: CMD in shell form "node server.js" (runs "node")',
      evidence: {
        image: "app:1",
        cmd: { form: "shell", words: ["node", "server.js"], program: "node", script: "node server.js" },
        entrypoint: { form: "exec", words: ["docker-entrypoint.sh"], program: "docker-entrypoint.sh" },
        workingDir: "/app",
        exposedPorts: ["3000/tcp"],
        volumes: ["/app/data"],
        env: NODE_APP_CONFIG.Env,
      },
    });
    expect(fake.calls).toEqual([inspect("app:1")]);
  });

  it("the twin: fails on each expectation the image breaks, one sentence each", async () => {
    const fake = scripted();
    const outcome = await check(fake, {
      cmd: { form: "exec", program: "npm" },
      workingDir: "/usr/src/app",
      exposedPorts: ["8080/tcp"],
      volumes: ["/data"],
      env: ["NODE_ENV=development", "PORT"],
    });
    expect(outcome.passed).toBe(false);
    expect(outcome.message.split("; ")).toEqual([
      'expected CMD in exec form, found shell form "node server.js"',
      'expected CMD to start "npm", found "node" (shell form "node server.js")',
      'expected WORKDIR "/usr/src/app", found "/app"',
      'expected exposed port "8080/tcp", found ["3000/tcp"]',
      'expected volume "/data", found ["/app/data"]',
      `expected environment entry "NODE_ENV=development", found ${JSON.stringify(NODE_APP_CONFIG.Env)}`,
      `expected environment entry "PORT", found ${JSON.stringify(NODE_APP_CONFIG.Env)}`,
    ]);
    expect(outcome.evidence).toMatchObject({ image: "app:1", workingDir: "/app", exposedPorts: ["3000/tcp"] });
    expect(fake.calls).toEqual([inspect("app:1")]);
  });

  it("an exec-form CMD passes an exec expectation; its twin, a shell expectation, fails", async () => {
    const fake = scripted({ ...NODE_APP_CONFIG, Cmd: ["node", "server.js"] });
    const exec = await check(fake, { cmd: { form: "exec", words: ["node", "server.js"] } });
    expect(exec.passed, exec.message).toBe(true);
    expect(exec.message).toBe('app:1: CMD in exec form ["node","server.js"]');
    const shell = await check(fake, { cmd: { form: "shell" } });
    expect(shell.passed).toBe(false);
    expect(shell.message).toBe('expected CMD in shell form, found exec form ["node","server.js"]');
  });

  it("an image without CMD (Cmd null) fails a CMD expectation, saying there is none", async () => {
    const fake = scripted({ ...NODE_APP_CONFIG, Cmd: null, Entrypoint: null, ExposedPorts: null, Volumes: null });
    const outcome = await check(fake, { cmd: { program: "node" } });
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toBe('expected CMD to start "node", found null (none)');
    expect(outcome.evidence).toMatchObject({ cmd: { form: "none", words: [], program: null }, exposedPorts: [], volumes: [] });
  });

  it("fails on an image that is not there, with the daemon's words", async () => {
    const fake = new FakeDocker().on(inspect("app:1"), { exitCode: 1, stderr: "Error response from daemon: No such image: app:1\n" });
    const outcome = await check(fake, { workingDir: "/app" });
    expect(outcome).toEqual({
      passed: false,
      message: "expected image app:1 to exist, found: Error response from daemon: No such image: app:1",
      evidence: { image: "app:1" },
    });
    expect(fake.calls).toEqual([inspect("app:1")]);
  });

  it("throws E_IMAGE_CONFIG on a config it cannot read (Cmd as a string), never a verdict", async () => {
    const fake = scripted({ ...NODE_APP_CONFIG, Cmd: "node server.js" });
    const error = await check(fake, { workingDir: "/app" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StepError);
    expect(error).toMatchObject({ code: "E_IMAGE_CONFIG" });
    expect((error as Error).message).toMatch(/^docker image inspect app:1 printed an unexpected config: \{"Hostname":""/);
  });
});
