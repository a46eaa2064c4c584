/**
 * Command lines of `run` steps. They are tokenized like a POSIX shell would (quotes, escapes) but
 * executed WITHOUT a shell, as an argv. `${name}` references to captured values stay variable
 * parts inside their token, so a captured value always becomes exactly one argument and is never
 * interpreted by anything.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { parse, type ParseEntry } from "shell-quote";
import { DockproofError, InvalidInputError } from "../support/errors.js";

export type CommandPart = { literal: string } | { variable: string };
/** One argv element: literal text and variable references, concatenated. */
export type CommandToken = CommandPart[];
export interface ParsedCommand {
  tokens: CommandToken[];
  /** Distinct variable names in order of first use. */
  variables: string[];
}

export class CommandLineError extends InvalidInputError {
  constructor(message: string) {
    super("E_COMMAND_SYNTAX", message);
  }
}

export class UndefinedVariableError extends DockproofError {
  constructor(readonly variable: string) {
    super("E_UNDEFINED_VARIABLE", `\${${variable}} is not defined: no earlier step captured it`);
  }
}

const NAME = "[A-Za-z_][A-Za-z0-9_]*";
const NAME_RE = new RegExp(`^${NAME}$`);
const TEXT_VAR_RE = new RegExp(`\\$\\{(${NAME})\\}`, "g");

// shell-quote resolves `${x}` and `$x` alike, so before tokenizing we rewrite "${" and "`" into
// `${<mark>...}` forms. shell-quote then decides the quoting context for us: unquoted or
// double-quoted ones reach the env callback (tagged by the mark), single-quoted or escaped ones
// stay literal text that we rewrite back. The mark is random (no scenario text can forge it) and
// contains `%`, which no variable name can, so a sentinel's name can never run into a mark.
const MARK = `%${randomBytes(12).toString("hex")}%`;
const BRACE = `\${${MARK}b`;
const TICK = `\${${MARK}t}`;
const LONE_DOLLAR = `${MARK}d`;
const variableSentinel = (name: string) => `${MARK}v${name}${MARK}`;
const SENTINEL_RE = new RegExp(`${MARK}v(${NAME})${MARK}`);

const NO_SHELL = "commands run without a shell";

const OPERATOR_ADVICE: Array<[RegExp, string, string]> = [
  [/^\|$/, "a pipe", "split it into separate steps and check output with `expect` or `capture`"],
  [/^(\|\||&&|;;?&?|&|\|&|;&)$/, "a command separator", "write each command as its own step"],
  [/^[<>]|^&>/, "a redirection", "check output with `expect.stdout`/`expect.stderr` or `capture` it"],
  [/^\$?\($|^\)$/, "a subshell or `$(...)` command substitution", "run the inner command as an earlier step with `capture: name` and use `${name}`"],
];

function syntaxError(found: string, advice: string): CommandLineError {
  return new CommandLineError(`${NO_SHELL}, so ${found} is not supported; ${advice}`);
}

function describeOperator(op: string): CommandLineError {
  for (const [re, what, advice] of OPERATOR_ADVICE) {
    if (re.test(op)) return syntaxError(`${what} (found \`${op}\`)`, advice);
  }
  return syntaxError(`the shell operator \`${op}\``, "remove it");
}

export function parseCommandLine(text: string): ParsedCommand {
  const problems: CommandLineError[] = [];
  const env = (key: string): string => {
    if (key === "") return LONE_DOLLAR;
    if (key === `${MARK}t`) {
      problems.push(
        syntaxError(
          "backtick command substitution (found `` ` ``)",
          "run the inner command as an earlier step with `capture: name` and use `${name}`, or single-quote the backtick",
        ),
      );
    } else if (!key.startsWith(`${MARK}b`)) {
      const hint = NAME_RE.test(key) ? key : "name";
      problems.push(
        syntaxError(
          `a plain \`$${key}\` without braces`,
          `write \`\${${hint}}\` for a captured variable, or single-quote it ('$${key}') to pass it literally`,
        ),
      );
    } else {
      const inner = key.slice(MARK.length + 1);
      if (NAME_RE.test(inner)) return variableSentinel(inner);
      problems.push(syntaxError(`the substitution \`\${${inner}}\``, "write `${name}` with a name made of letters, digits and _"));
    }
    return "";
  };

  let entries: ParseEntry[];
  try {
    entries = parse(
      text.replace(/\$\{|`/g, (m) => (m === "`" ? TICK : BRACE)),
      env,
    );
  } catch {
    // shell-quote throws a plain Error for an unterminated `${`.
    throw new CommandLineError(`cannot parse command: found an unterminated \`\${\` in ${JSON.stringify(text)}; write \`\${name}\``);
  }
  if (problems[0]) throw problems[0];

  const tokens: CommandToken[] = [];
  for (const [index, entry] of entries.entries()) {
    if (typeof entry !== "string") {
      if ("comment" in entry) throw syntaxError("a `#` comment", "quote the `#` if it is part of an argument");
      if (entry.op === "glob") throw syntaxError(`a glob pattern (found \`${entry.pattern}\`)`, "quote it ('*') to pass it literally");
      // `$(` arrives as a lone `$` followed by a `(` operator.
      const previous = entries[index - 1];
      throw describeOperator(entry.op === "(" && typeof previous === "string" && previous.endsWith(LONE_DOLLAR) ? "$(" : entry.op);
    }
    if (entry.includes(`${LONE_DOLLAR}(`)) throw describeOperator("$(");
    tokens.push(splitToken(entry));
  }
  if (tokens.length === 0) throw new CommandLineError("empty command: expected a program and its arguments");

  // A newline outside quotes would separate commands in a shell; shell-quote treats it as a space.
  const literalText = tokens
    .flat()
    .map((p) => ("literal" in p ? p.literal : ""))
    .join("");
  if (countNewlines(text) > countNewlines(literalText)) {
    throw syntaxError("a line break outside quotes", "write one command per step (a YAML `>-` folded scalar joins wrapped lines)");
  }
  const variables = [...new Set(tokens.flat().flatMap((p) => ("variable" in p ? [p.variable] : [])))];
  return { tokens, variables };
}

function splitToken(entry: string): CommandToken {
  const pieces = entry.split(SENTINEL_RE); // odd indexes are the captured variable names
  const token: CommandToken = [];
  pieces.forEach((piece, index) => {
    if (index % 2 === 1) token.push({ variable: piece });
    else if (piece !== "") token.push({ literal: restoreLiteral(piece) });
  });
  return token.length > 0 ? token : [{ literal: "" }];
}

function restoreLiteral(text: string): string {
  return text.replaceAll(TICK, "`").replaceAll(BRACE, "${").replaceAll(LONE_DOLLAR, "$");
}

const countNewlines = (text: string) => text.match(/[\r\n]/g)?.length ?? 0;

/** The captured value of `name`; UndefinedVariableError when no earlier step captured it. */
export function lookupVariable(vars: Record<string, string>, name: string): string {
  const value = Object.hasOwn(vars, name) ? vars[name] : undefined;
  if (value === undefined) throw new UndefinedVariableError(name);
  return value;
}

/** Each token becomes exactly one argv element, whatever the variable values contain. */
export function expandCommand(parsed: ParsedCommand, vars: Record<string, string>): string[] {
  return parsed.tokens.map((token) => token.map((p) => ("literal" in p ? p.literal : lookupVariable(vars, p.variable))).join(""));
}

/** `${name}` references in a non-command field (no quoting rules apply there). */
export function textVariables(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(TEXT_VAR_RE), (m) => m[1] as string))];
}

export function expandText(text: string, vars: Record<string, string>): string {
  return text.replace(TEXT_VAR_RE, (_, name: string) => lookupVariable(vars, name));
}

const CREATE_COMMANDS = [
  ["docker", "run"],
  ["docker", "container", "run"],
  ["docker", "create"],
  ["docker", "container", "create"],
];
// Options of `docker run`/`docker create` that consume the next argument, so the scan for the
// image name does not mistake their value for it.
const VALUE_SHORT = new Set(["p", "v", "e", "w", "u", "l", "h", "m", "a", "c"]);
const VALUE_LONG = new Set([
  "publish",
  "volume",
  "env",
  "name",
  "network",
  "net",
  "workdir",
  "user",
  "entrypoint",
  "label",
  "mount",
  "hostname",
  "add-host",
  "restart",
  "cpus",
  "memory",
  "log-driver",
  "log-opt",
  "env-file",
  "platform",
  "pull",
  "ip",
  "ip6",
  "network-alias",
  "net-alias",
  "link",
  "device",
  "cap-add",
  "cap-drop",
  "security-opt",
  "tmpfs",
  "ulimit",
  "attach",
  "cpu-shares",
  "cidfile",
  "dns",
  "dns-option",
  "dns-search",
  "domainname",
  "expose",
  "gpus",
  "group-add",
  "health-cmd",
  "health-interval",
  "health-retries",
  "health-start-period",
  "health-timeout",
  "ipc",
  "isolation",
  "label-file",
  "mac-address",
  "memory-reservation",
  "memory-swap",
  "pid",
  "runtime",
  "shm-size",
  "stop-signal",
  "stop-timeout",
  "storage-opt",
  "sysctl",
  "userns",
  "uts",
  "volumes-from",
  "volume-driver",
  "cgroupns",
  "cgroup-parent",
  "cpuset-cpus",
  "cpuset-mems",
  "detach-keys",
  "annotation",
  "blkio-weight",
  "pids-limit",
]);

type OptionSpec = { short: ReadonlySet<string>; long: ReadonlySet<string> };
const RUN_OPTIONS: OptionSpec = { short: VALUE_SHORT, long: VALUE_LONG };

const commandPrefix = (argv: readonly string[], commands: string[][]) => commands.find((cmd) => cmd.every((word, i) => argv[i] === word));

/**
 * Walks docker CLI options from argv[start], calling `onOption` with each option's name (`p`,
 * `publish`), how it was written, and its value when it takes one. Returns the positional
 * arguments; with `untilPositional` it stops at the first one (the image of `docker run`).
 */
function walkOptions(
  argv: readonly string[],
  start: number,
  spec: OptionSpec,
  onOption: (name: string, value: string | undefined, written: string) => void,
  untilPositional: boolean,
): string[] {
  const positionals: string[] = [];
  for (let i = start; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--") {
      if (!untilPositional) positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      if (untilPositional) break;
      positionals.push(arg);
      continue;
    }
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = arg.slice(2, eq === -1 ? undefined : eq);
      const value = eq !== -1 ? arg.slice(eq + 1) : spec.long.has(name) ? argv[++i] : undefined;
      onOption(name, value, `--${name}`);
      continue;
    }
    // A short cluster like `-dp 80:80`: the first value-taking flag consumes the rest or the next arg.
    for (let j = 1; j < arg.length; j++) {
      const flag = arg[j] as string;
      if (!spec.short.has(flag)) continue;
      const attached = arg.slice(j + 1).replace(/^=/, "");
      onOption(flag, attached !== "" ? attached : argv[++i], `-${flag}`);
      break;
    }
  }
  return positionals;
}

/** Host ports a `docker run`/`docker create` argv publishes (`-p 8080:80` → 8080). */
export function publishedHostPorts(argv: readonly string[]): number[] {
  const prefix = commandPrefix(argv, CREATE_COMMANDS);
  if (!prefix) return [];
  const ports: number[] = [];
  walkOptions(
    argv,
    prefix.length,
    RUN_OPTIONS,
    (name, value) => {
      if ((name === "p" || name === "publish") && value !== undefined) ports.push(...hostPortOf(value));
    },
    true,
  );
  return ports;
}

const BUILD_COMMANDS = [
  ["docker", "build"],
  ["docker", "image", "build"],
  ["docker", "buildx", "build"],
  ["docker", "builder", "build"],
];
const BUILD_OPTIONS: OptionSpec = {
  short: new Set(["t", "f", "o", "m", "c"]),
  long: new Set([
    "tag",
    "file",
    "build-arg",
    "build-context",
    "label",
    "target",
    "platform",
    "network",
    "add-host",
    "cache-from",
    "cache-to",
    "iidfile",
    "metadata-file",
    "secret",
    "ssh",
    "output",
    "progress",
    "cgroup-parent",
    "cpu-period",
    "cpu-quota",
    "cpu-shares",
    "cpuset-cpus",
    "cpuset-mems",
    "memory",
    "memory-swap",
    "shm-size",
    "ulimit",
    "isolation",
    "security-opt",
    "allow",
    "annotation",
    "attest",
    "builder",
    "call",
    "sbom",
    "provenance",
    "no-cache-filter",
  ]),
};

/** Why `text` is not a path inside the scenario's folder (the commands' working directory), or undefined. */
function outsideScenarioFolder(text: string): string | undefined {
  if (text.includes("${")) return "a captured value, which is not known before the run";
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(text) || text.startsWith("git@")) return "a remote URL";
  if (text === "-") return 'stdin ("-")';
  if (text.startsWith("/") || text.startsWith("~")) return "an absolute host path";
  const normal = path.posix.normalize(text);
  if (normal === ".." || normal.startsWith("../")) return "a path that leaves it";
  return undefined;
}

function buildPathError(what: string, example: string, value: string): CommandLineError | undefined {
  const why = outsideScenarioFolder(value);
  return why === undefined
    ? undefined
    : new CommandLineError(`${what}: expected a path inside the scenario's folder (like ${example}), found ${JSON.stringify(value)}, ${why}`);
}

/** Why a `-v`/`--volume` or `--mount` source is a host path, or undefined for a named volume. */
function hostSource(source: string): string | undefined {
  if (source.includes("${")) return "a captured value, which could be a host path";
  if (source.startsWith("/") || source.startsWith("~")) return "an absolute host path";
  if (source === "." || source === ".." || source.startsWith("./") || source.startsWith("../"))
    return "a host path relative to the scenario's folder";
  return undefined;
}

function mountError(written: string, spec: string, found: string): CommandLineError {
  return new CommandLineError(
    `${written} ${JSON.stringify(spec)}: expected a named volume as the source (like "volume_database:/data/db"), found ${found}; scenarios may not bind-mount host paths`,
  );
}

/**
 * Commands stay inside the scenario's folder: a `docker build` context and Dockerfile must lie
 * in it, and `docker run`/`docker create` may mount named volumes but no host path.
 */
export function checkHostPaths(argv: readonly string[]): void {
  const build = commandPrefix(argv, BUILD_COMMANDS);
  if (build) {
    const command = build.join(" ");
    let error: CommandLineError | undefined;
    const positionals = walkOptions(
      argv,
      build.length,
      BUILD_OPTIONS,
      (name, value, written) => {
        if (value === undefined || error) return;
        if (name === "f" || name === "file") error = buildPathError(`${command} ${written}`, '"Dockerfile" or "app/Dockerfile"', value);
        if (name === "build-context" && !value.slice(value.indexOf("=") + 1).startsWith("docker-image://")) {
          error = buildPathError(`${command} ${written}`, '"name=./app"', value.slice(value.indexOf("=") + 1));
        }
      },
      false,
    );
    const context = positionals.at(-1);
    error ??= context === undefined ? undefined : buildPathError(`${command} (build context)`, '"." or "./app"', context);
    if (error) throw error;
    return;
  }
  const create = commandPrefix(argv, CREATE_COMMANDS);
  if (!create) return;
  let error: CommandLineError | undefined;
  walkOptions(
    argv,
    create.length,
    RUN_OPTIONS,
    (name, value, written) => {
      if (value === undefined || error) return;
      if (name === "v" || name === "volume") {
        const parts = value.split(":");
        const why = parts.length > 1 ? hostSource(parts[0] as string) : undefined;
        if (why) error = mountError(written, value, `${JSON.stringify(parts[0])}, ${why}`);
      }
      if (name === "mount") {
        const fields = new Map(
          value.split(",").map((field) => {
            const eq = field.indexOf("=");
            return [(eq === -1 ? field : field.slice(0, eq)).trim(), eq === -1 ? "" : field.slice(eq + 1)] as [string, string];
          }),
        );
        const source = fields.get("source") ?? fields.get("src") ?? "";
        if (fields.get("type") === "bind") error = mountError(written, value, `type=bind with the host path ${JSON.stringify(source)}`);
        else if (hostSource(source)) error = mountError(written, value, `${JSON.stringify(source)}, ${hostSource(source)}`);
      }
    },
    true,
  );
  if (error) throw error;
}

function hostPortOf(spec: string): number[] {
  const bad = (why: string) => new CommandLineError(`-p ${JSON.stringify(spec)}: ${why}`);
  const slash = spec.lastIndexOf("/");
  const protocol = slash === -1 ? "tcp" : spec.slice(slash + 1);
  if (!["tcp", "udp", "sctp"].includes(protocol)) throw bad(`expected protocol tcp or udp after "/", found "${protocol}"`);
  let rest = slash === -1 ? spec : spec.slice(0, slash);
  if (rest.startsWith("[")) rest = rest.slice(rest.indexOf("]") + 2); // [IPv6]:host:container
  const parts = rest.split(":");
  if (parts.length > 3) throw bad("expected [IP:]HOST:CONTAINER (write IPv6 addresses in brackets)");
  if (parts.some((p) => p.includes("-"))) throw bad("port ranges are not supported; publish each port with its own -p");
  const container = parts.at(-1) as string;
  const host = parts.length > 1 ? (parts.at(-2) as string) : ""; // '' (`-p 80`, `-p IP::80`): Docker picks one
  for (const port of host === "" ? [container] : [host, container]) {
    const n = /^\d+$/.test(port) ? Number(port) : NaN;
    if (!(n >= 1 && n <= 65535)) throw bad(`expected a literal port number 1-65535, found "${port}"`);
  }
  return host ? [Number(host)] : [];
}

/** For a `docker build` argv: its context and Dockerfile as written (relative to the working directory), else null. */
export function buildInvocation(argv: readonly string[]): { context: string; dockerfile: string | null } | null {
  const build = commandPrefix(argv, BUILD_COMMANDS);
  if (!build) return null;
  let dockerfile: string | null = null;
  const positionals = walkOptions(
    argv,
    build.length,
    BUILD_OPTIONS,
    (name, value) => {
      if ((name === "f" || name === "file") && value !== undefined) dockerfile = value;
    },
    false,
  );
  return { context: positionals.at(-1) ?? ".", dockerfile };
}
