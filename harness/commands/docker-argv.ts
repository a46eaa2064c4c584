/**
 * Reading docker CLI argv the way docker does: which options take a value, so the image of `docker run` or the
 * context of `docker build` is found, and what a command publishes. Knows nothing of scenarios.
 */
import { CommandLineError } from "./command-line.js";

export const CREATE_COMMANDS = [
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

export type OptionSpec = { short: ReadonlySet<string>; long: ReadonlySet<string> };
export const RUN_OPTIONS: OptionSpec = { short: VALUE_SHORT, long: VALUE_LONG };

export const commandPrefix = (argv: readonly string[], commands: string[][]) => commands.find((cmd) => cmd.every((word, i) => argv[i] === word));

/**
 * Walks docker CLI options from argv[start], calling `onOption` with each option's name (`p`,
 * `publish`), how it was written, and its value when it takes one. Returns the positional
 * arguments; with `untilPositional` it stops at the first one (the image of `docker run`).
 */
export function walkOptions(
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

export const BUILD_COMMANDS = [
  ["docker", "build"],
  ["docker", "image", "build"],
  ["docker", "buildx", "build"],
  ["docker", "builder", "build"],
];
export const BUILD_OPTIONS: OptionSpec = {
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
