/**
 * The containers, volumes and networks a docker command line makes and the ones it acts on by name, read off its
 * argv: `docker run --name web …` makes container web (and a named volume it mounts); `docker rm -f web`,
 * `docker logs web`, `docker network connect net web` act on them. A `${name}` (a value captured at run time) is
 * left out: what it names is only known then. Compose is one object, its project: `up` makes it, `down` acts on it.
 */
import { CREATE_COMMANDS, commandPrefix, RUN_OPTIONS, walkOptions } from "./docker-argv.js";

export type ObjectKind = "container" | "volume" | "network" | "compose project";

export interface DockerObject {
  kind: ObjectKind;
  name: string;
}

const BUILTIN_NETWORKS = new Set(["bridge", "host", "none", "default"]);
const runtimeValue = (name: string) => name.includes("${");

const spec = (short: string, long: string) => ({ short: new Set(short.split("")), long: new Set(long.split(" ").filter(Boolean)) });
/**
 * Container subcommands, with the options of theirs that take a value (so their value is no container name), and
 * whether every positional is a container (`rm a b`) or only the first (`exec web sh`).
 */
const CONTAINER_SUBCOMMANDS: Record<string, { options: ReturnType<typeof spec>; all: boolean }> = {
  rm: { options: spec("", ""), all: true },
  stop: { options: spec("ts", "time timeout signal"), all: true },
  restart: { options: spec("ts", "time timeout signal"), all: true },
  kill: { options: spec("s", "signal"), all: true },
  start: { options: spec("", "detach-keys"), all: true },
  pause: { options: spec("", ""), all: true },
  unpause: { options: spec("", ""), all: true },
  wait: { options: spec("", ""), all: true },
  logs: { options: spec("n", "tail since until"), all: false },
  exec: { options: spec("ewu", "env env-file workdir user detach-keys"), all: false },
  port: { options: spec("", ""), all: false },
  top: { options: spec("", ""), all: false },
  attach: { options: spec("", "detach-keys"), all: false },
  commit: { options: spec("acm", "author change message"), all: false },
  rename: { options: spec("", ""), all: false },
  diff: { options: spec("", ""), all: false },
  export: { options: spec("o", "output"), all: false },
};

/** The positionals of argv from `from` on, the options `options` says take a value skipped with their value. */
function positionalsOf(argv: readonly string[], from: number, options: ReturnType<typeof spec>): string[] {
  const found: string[] = [];
  for (let i = from; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--") return [...found, ...argv.slice(i + 1)];
    if (!arg.startsWith("-") || arg === "-") found.push(arg);
    else if (arg.startsWith("--")) {
      if (!arg.includes("=") && options.long.has(arg.slice(2))) i++;
    } else {
      const at = [...arg.slice(1)].findIndex((flag) => options.short.has(flag));
      if (at !== -1 && at === arg.length - 2) i++; // the value is the next argument, not attached
    }
  }
  return found;
}
const COMPOSE_USES = new Set(["down", "stop", "start", "restart", "logs", "ps", "exec", "kill", "rm", "top", "port", "pause", "unpause"]);

function runObjects(argv: readonly string[], start: number): { creates: DockerObject[]; uses: DockerObject[] } {
  const creates: DockerObject[] = [];
  const uses: DockerObject[] = [];
  walkOptions(
    argv,
    start,
    RUN_OPTIONS,
    (option, value) => {
      if (value === undefined || runtimeValue(value)) return;
      if (option === "name") creates.push({ kind: "container", name: value });
      // `-v NAME:/path` with a bare name makes (or reuses) a named volume; a path or `./dir` is a bind mount.
      if ((option === "v" || option === "volume") && /^[A-Za-z0-9][\w.-]*:/.test(value))
        creates.push({ kind: "volume", name: value.split(":")[0] as string });
      if ((option === "network" || option === "net") && !BUILTIN_NETWORKS.has(value) && !value.startsWith("container:"))
        uses.push({ kind: "network", name: value });
    },
    true,
  );
  return { creates, uses };
}

/** What `argv` (a `docker …` command) makes and acts on by name. */
export function dockerObjects(argv: readonly string[]): { creates: DockerObject[]; uses: DockerObject[] } {
  const none = { creates: [], uses: [] };
  if (argv[0] !== "docker" && argv[0] !== "docker-compose") return none;
  const create = commandPrefix(argv, CREATE_COMMANDS);
  if (create) return runObjects(argv, create.length);
  const words = argv[0] === "docker-compose" ? ["compose", ...argv.slice(1)] : argv.slice(1);
  const [group, verb] = words[0] === "container" ? ["container", words[1]] : [words[0], words[1]];
  const named = (names: string[]) => names.filter((name) => !runtimeValue(name));
  const offset = argv.length - words.length;
  if (group === "compose") {
    const sub = words.slice(1).find((word) => !word.startsWith("-"));
    if (sub === "up" || sub === "create") return { creates: [{ kind: "compose project", name: "." }], uses: [] };
    return sub && COMPOSE_USES.has(sub) ? { creates: [], uses: [{ kind: "compose project", name: "." }] } : none;
  }
  if (group === "volume" || group === "network") {
    const kind: ObjectKind = group;
    const names = named(positionalsOf(argv, offset + 2, spec("f", "driver label opt format subnet gateway ip-range")));
    if (verb === "create") return { creates: names.slice(0, 1).map((name) => ({ kind, name })), uses: [] };
    if (verb === "rm" || verb === "inspect") return { creates: [], uses: names.map((name) => ({ kind, name })) };
    if (group === "network" && (verb === "connect" || verb === "disconnect")) {
      const [network, container] = names;
      const uses: DockerObject[] = [];
      if (network) uses.push({ kind: "network", name: network });
      if (container) uses.push({ kind: "container", name: container });
      return { creates: [], uses };
    }
    return none;
  }
  // `docker rm x` or `docker container rm x`: the subcommand is the first word after `docker` (or after `container`).
  const sub = group === "container" ? verb : group;
  const known = sub === undefined ? undefined : CONTAINER_SUBCOMMANDS[sub];
  if (!known) return none;
  const names = positionalsOf(argv, offset + (group === "container" ? 2 : 1), known.options);
  return { creates: [], uses: named(known.all ? names : names.slice(0, 1)).map((name) => ({ kind: "container", name })) };
}
