/**
 * A scripted Docker for unit tests: each call is answered by the first rule whose pattern matches its argv (a string
 * matches one argument exactly, a RegExp tests it, `"..."` matches the rest), and recorded. A call no rule answers
 * throws, naming it, so a test never passes on a call it did not expect. The API's methods answer what the test sets.
 */
import { BackgroundCommand } from "../support/background-command.js";
import type { ProcessResult } from "../support/run-process.js";
import type { CliEnv, Docker, DockerApi, DockerCallOptions, FailureFactory } from "./docker.js";
import { DockerError } from "./docker-error.js";

export type ArgPattern = string | RegExp;
export type FakeAnswer = Partial<Pick<ProcessResult, "exitCode" | "stdout" | "stderr" | "timedOut">> & {
  /** The docker binary is not there: every call throws, as the real door's does. */
  missing?: boolean;
};

interface Rule {
  pattern: readonly ArgPattern[];
  answer: FakeAnswer | ((args: readonly string[], options: DockerCallOptions) => FakeAnswer);
}

const REST = "...";

export function matches(pattern: readonly ArgPattern[], args: readonly string[]): boolean {
  for (const [index, part] of pattern.entries()) {
    if (part === REST) return true;
    const arg = args[index];
    if (arg === undefined) return false;
    if (typeof part === "string" ? part !== arg : !part.test(arg)) return false;
  }
  return pattern.length === args.length;
}

function result(args: readonly string[], answer: FakeAnswer): ProcessResult {
  const stdout = answer.stdout ?? "";
  const stderr = answer.stderr ?? "";
  const lines = [...stdout.split("\n"), ...stderr.split("\n")].filter((text) => text !== "").map((text) => ({ text, atMs: 0 }));
  return {
    argv: ["docker", ...args],
    exitCode: answer.timedOut ? undefined : (answer.exitCode ?? 0),
    stdout,
    stderr,
    durationMs: 0,
    timedOut: answer.timedOut ?? false,
    lines,
  };
}

const unscripted = (what: string) => (): never => {
  throw new Error(`FakeDocker: no answer scripted for the API call ${what}`);
};

export class FakeDocker implements Docker {
  readonly calls: string[][] = [];
  private readonly rules: Rule[] = [];
  /** Every API method throws until a test sets it (`fake.api.inspectContainer = async () => …`). */
  readonly api: DockerApi = {
    ping: unscripted("ping"),
    get: unscripted("get"),
    request: unscripted("request"),
    version: unscripted("version"),
    imageEntrypoint: unscripted("imageEntrypoint"),
    listImages: unscripted("listImages"),
    createContainer: unscripted("createContainer"),
    startContainer: unscripted("startContainer"),
    waitContainer: unscripted("waitContainer"),
    inspectContainer: unscripted("inspectContainer"),
    stopContainer: unscripted("stopContainer"),
    removeContainer: unscripted("removeContainer"),
  };

  constructor(
    readonly env: CliEnv = { DOCKER_HOST: "unix:///fake/docker.sock" },
    private readonly failure: FailureFactory = (kind, message) => new DockerError(kind, message),
  ) {}

  /** Answers calls whose argv matches `pattern` (later rules do not override earlier ones: put specific ones first). */
  on(pattern: readonly ArgPattern[], answer: Rule["answer"]): this {
    this.rules.push({ pattern, answer });
    return this;
  }

  async query(args: readonly string[], options: DockerCallOptions): Promise<ProcessResult> {
    this.calls.push([...args]);
    const rule = this.rules.find((candidate) => matches(candidate.pattern, args));
    if (!rule) throw new Error(`FakeDocker: no answer scripted for \`docker ${args.join(" ")}\` (${options.what})`);
    const answer = typeof rule.answer === "function" ? rule.answer(args, options) : rule.answer;
    if (answer.missing) throw this.failure("missing", `${options.what} needs \`${options.binary ?? "docker"}\`, but it was not found`);
    return result(args, answer);
  }

  async run(args: readonly string[], options: DockerCallOptions): Promise<ProcessResult> {
    const answer = await this.query(args, options);
    if (answer.timedOut) throw this.failure("timeout", `Timed out waiting for ${options.what}`);
    if (answer.exitCode !== 0) throw this.failure("exit", `${options.what} failed: exit code ${answer.exitCode}: ${answer.stderr}`);
    return answer;
  }

  /** Recorded; the command it returns is a local one that ends at once (no fake keeps a process running). */
  start(args: readonly string[]): BackgroundCommand {
    this.calls.push([...args]);
    return new BackgroundCommand(["sh", "-c", "exit 0"], { env: {} });
  }

  async pipe(args: readonly string[], into: { docker: Docker; args: readonly string[] }, options: DockerCallOptions): Promise<void> {
    await this.run(args, options);
    await into.docker.run(into.args, options);
  }

  withFailures(failure: FailureFactory): Docker {
    const copy = new FakeDocker(this.env, failure);
    // The same script and the same record of calls, failing with the concern's errors.
    Object.assign(copy, { rules: this.rules, calls: this.calls, api: this.api });
    return copy;
  }

  at(env: CliEnv): Docker {
    const copy = new FakeDocker(env, this.failure);
    Object.assign(copy, { rules: this.rules, calls: this.calls, api: this.api });
    return copy;
  }
}
