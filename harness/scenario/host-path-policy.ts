/**
 * Lesson commands stay inside the scenario's folder: a `docker build` context and Dockerfile must lie in it, and
 * `docker run`/`docker create` may mount named volumes but no host path. Scenario validation, applied at load time.
 */
import path from "node:path";
import { CommandLineError } from "../commands/command-line.js";
import { commandsOf } from "../commands/command-segments.js";
import { BUILD_COMMANDS, BUILD_OPTIONS, CREATE_COMMANDS, commandPrefix, RUN_OPTIONS, walkOptions } from "../commands/docker-argv.js";

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

/**
 * Why a `-v`/`--volume` or `--mount` source may not be mounted, or undefined for a named volume or a folder inside the
 * learner's working folder (`./site`, `.`): the daemon sees that folder at the same path, as on a learner's machine.
 */
function hostSource(source: string): string | undefined {
  if (source.includes("${")) return "a captured value, which could be a host path";
  if (source.startsWith("/") || source.startsWith("~")) return "an absolute host path";
  const normal = path.posix.normalize(source);
  if (normal === ".." || normal.startsWith("../")) return "a path that leaves the working folder";
  return undefined;
}

function mountError(written: string, spec: string, found: string): CommandLineError {
  return new CommandLineError(
    `${written} ${JSON.stringify(spec)}: expected a named volume or a folder inside the working folder as the source (like "volume_database:/data/db" or "./site:/usr/share/nginx/html"), found ${found}; scenarios may not bind-mount host paths`,
  );
}

/**
 * Commands stay inside the working folder: a `docker build` context and Dockerfile must lie in it, and
 * `docker run`/`docker create` may mount named volumes and folders inside it, but no other host path.
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
        const why = hostSource(source);
        if (why)
          error = mountError(
            written,
            value,
            `${fields.get("type") === "bind" ? "type=bind with the host path " : ""}${JSON.stringify(source)}, ${why}`,
          );
      }
    },
    true,
  );
  if (error) throw error;
}

/**
 * The same rule for a shell line, command by command: a literal host path is refused (`-v /etc:/host`, which under
 * `--isolation host` would mount this machine's own), while a value the shell gives when it runs (`$(pwd)/site`,
 * `$HOME`) is the learner's folder or beyond dockproof's knowing, and is let through.
 */
export function checkShellHostPaths(text: string): void {
  for (const argv of commandsOf(text, true)) {
    if (argv[0] !== "docker") continue;
    checkHostPaths(argv.map((word) => word.replace(/\$\{[^}]*\}/g, ".")));
  }
}
