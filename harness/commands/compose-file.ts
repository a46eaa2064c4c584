/**
 * A Compose file as dockproof needs to know it before anything runs: each service's image (pulled) or build (its
 * context and Dockerfile), the host ports it publishes (so the sandbox maps them, as `-p` does), and the line each
 * value is written on (so a failure can name the line of the file, and the lesson line it came from). What it cannot
 * know without running compose (interpolated `${VAR}` values, `extends`, `include`) it leaves out; compose itself is
 * the judge of the file. Knows nothing of scenarios.
 */
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";

/** The names compose looks for in the project folder when no `-f` is given, in its order. */
export const COMPOSE_FILE_NAMES = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"] as const;

export interface ComposeService {
  name: string;
  /** The line of the service's key. */
  line: number;
  /** `image:`; with `build:` it is the tag the build gets, not an image to pull. */
  image: string | null;
  build: { context: string; dockerfile: string | null } | null;
  /** Host ports published with literal numbers (`"8080:80"`, `published: 8080`). */
  ports: number[];
  /** `container_name:`: the container's name instead of compose's `<project>-<service>-1`. */
  containerName: string | null;
}

export interface ComposeFile {
  services: ComposeService[];
  /** Every scalar value with its line: where a value a failure names is written. */
  values: Array<{ line: number; text: string }>;
  /** Why the text is not a compose file dockproof can read ("" when it is). */
  problem: string | null;
}

const textOf = (node: unknown): string | null =>
  isScalar(node) && (typeof node.value === "string" || typeof node.value === "number") ? String(node.value) : null;

/** Host ports of one `ports:` entry: short syntax `[IP:]HOST:CONTAINER[/proto]` or the long syntax's `published`. */
function hostPorts(entry: unknown): number[] {
  if (isMap(entry)) {
    const published = textOf(entry.get("published", true));
    return published !== null && /^\d+$/.test(published) ? [Number(published)] : [];
  }
  const text = textOf(entry);
  if (text === null || text.includes("$")) return [];
  const parts = text.replace(/\/\w+$/, "").split(":");
  if (parts.length < 2) return []; // `"3000"`: a port Docker picks
  const host = parts.at(-2) as string;
  return /^\d+$/.test(host) ? [Number(host)] : [];
}

function buildOf(node: unknown): ComposeService["build"] {
  const context = textOf(node);
  if (context !== null) return { context, dockerfile: null };
  if (!isMap(node)) return null;
  return { context: textOf(node.get("context", true)) ?? ".", dockerfile: textOf(node.get("dockerfile", true)) };
}

export function readComposeFile(text: string): ComposeFile {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const lineOf = (node: Node | null | undefined): number => (node?.range ? lineCounter.linePos(node.range[0]).line : 0);
  const values: ComposeFile["values"] = [];
  const walk = (node: unknown): void => {
    if (isScalar(node)) {
      const value = textOf(node);
      if (value !== null) values.push({ line: lineOf(node), text: value });
    } else if (isMap(node)) {
      for (const pair of node.items) {
        walk(pair.key);
        walk(pair.value);
      }
    } else if (isSeq(node)) for (const item of node.items) walk(item);
  };
  walk(document.contents);
  if (document.errors.length > 0) return { services: [], values, problem: document.errors[0]?.message.split("\n")[0] ?? "not YAML" };
  const services = document.contents && isMap(document.contents) ? document.contents.get("services", true) : undefined;
  if (!isMap(services)) return { services: [], values, problem: "expected a `services:` mapping" };
  return {
    services: services.items.flatMap((pair): ComposeService[] => {
      const name = textOf(pair.key);
      if (name === null) return [];
      const service = pair.value;
      const field = (key: string): unknown => (isMap(service) ? service.get(key, true) : undefined);
      const ports = field("ports");
      return [
        {
          name,
          line: lineOf(pair.key as Node),
          image: textOf(field("image")),
          build: buildOf(field("build")),
          ports: isSeq(ports) ? ports.items.flatMap(hostPorts) : [],
          containerName: textOf(field("container_name")),
        },
      ];
    }),
    values,
    problem: null,
  };
}

/** The lines of a compose file where `value` is written: as a whole value, or as the right-hand side of `KEY=value`. */
export function linesHolding(file: Pick<ComposeFile, "values">, value: string): number[] {
  const lines = file.values
    .filter((entry) => entry.text === value || entry.text.endsWith(`=${value}`) || entry.text.split(/[/:@]/).includes(value))
    .map((entry) => entry.line);
  return [...new Set(lines)];
}
