/**
 * Reads a scenario file defensively (size, encoding, emptiness are checked before any parsing)
 * and parses it with yaml's LineCounter so every later problem can point at a line and column.
 */
import { readFile, stat } from "node:fs/promises";
import {
  isAlias,
  isMap,
  isNode,
  isPair,
  isScalar,
  LineCounter,
  parseDocument,
  visit,
  type Alias,
  type Document,
  type Node,
  type YAMLError,
} from "yaml";
import { PROBLEM_CODES, type DocPath } from "./problem.js";

export const MAX_SCENARIO_BYTES = 1024 * 1024;
// Plenty for hand-written scenarios; stops "billion laughs" alias expansion early.
export const MAX_ALIAS_COUNT = 100;

export interface Position {
  line: number;
  col: number;
}
export interface PlacedProblem extends Position {
  code: string;
  message: string;
}

const START: Position = { line: 1, col: 1 };

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** The text of a scenario file, or the one problem that stops us from reading it as YAML. */
export async function readScenarioText(file: string): Promise<{ text: string } | { problem: PlacedProblem }> {
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (!info.isFile())
      return { problem: { ...START, code: PROBLEM_CODES.unreadable, message: "expected a scenario file, found a directory or special file" } };
    if (info.size > MAX_SCENARIO_BYTES) {
      return {
        problem: {
          ...START,
          code: PROBLEM_CODES.tooLarge,
          message: `file is ${mib(info.size)} (${info.size} bytes), over the ${mib(MAX_SCENARIO_BYTES)} limit for scenario files`,
        },
      };
    }
    bytes = await readFile(file);
  } catch (error) {
    const notFound = (error as NodeJS.ErrnoException).code === "ENOENT";
    return {
      problem: {
        ...START,
        code: notFound ? PROBLEM_CODES.notFound : PROBLEM_CODES.unreadable,
        message: notFound ? "file not found" : `cannot read file: ${(error as Error).message}`,
      },
    };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const before = bytes.subarray(0, nul).toString("latin1");
    const line = before.split("\n").length;
    return {
      problem: {
        line,
        col: nul - before.lastIndexOf("\n"),
        code: PROBLEM_CODES.binary,
        message: "binary file (NUL byte), expected UTF-8 YAML text, found a NUL byte (0x00)",
      },
    };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const { position, byte } = firstInvalidUtf8(bytes);
    const found = byte === undefined ? "a truncated character at the end" : `the byte 0x${byte.toString(16).padStart(2, "0").toUpperCase()}`;
    return { problem: { ...position, code: PROBLEM_CODES.binary, message: `binary file (invalid UTF-8), expected UTF-8 YAML text, found ${found}` } };
  }
  if (text.trim() === "") {
    const found = bytes.length === 0 ? "no content at all" : `only whitespace (${bytes.length} bytes)`;
    return { problem: { ...START, code: PROBLEM_CODES.empty, message: `empty file, expected a mapping with schemaVersion: 1, found ${found}` } };
  }
  return { text };
}

/**
 * Where the first invalid UTF-8 sequence starts. A lenient decode replaces each invalid sequence
 * with U+FFFD; the first U+FFFD not spelt as its own valid bytes (EF BF BD) is the culprit.
 */
function firstInvalidUtf8(bytes: Buffer): { position: Position; byte?: number } {
  const decoded = new TextDecoder("utf-8").decode(bytes);
  let offset = 0;
  let index = 0;
  for (const char of decoded) {
    if (char === "\uFFFD" && !(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) break;
    offset += Buffer.byteLength(char);
    index += char.length;
  }
  const before = decoded.slice(0, index);
  return { position: { line: before.split("\n").length, col: index - before.lastIndexOf("\n") }, byte: bytes[offset] };
}

export interface ParsedYaml {
  doc: Document.Parsed;
  /** Plain data, or undefined when the YAML could not be trusted (syntax errors, alias bomb). */
  data: unknown;
  problems: PlacedProblem[];
  locate(path: DocPath, atKey?: boolean): Position;
}

export function parseScenarioYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): Position => lineCounter.linePos(offset);
  const keyAt = (offset: number): unknown => {
    let key: unknown = text.slice(offset).split(/[:\n]/)[0];
    visit(doc, {
      Pair: (_, pair) => {
        if (!isScalar(pair.key) || pair.key.range?.[0] !== offset) return undefined;
        key = pair.key.value;
        return visit.BREAK;
      },
    });
    return key;
  };
  // What the parser met where it gave up, for the "found" part of a syntax problem.
  const foundAt = (offset: number): string => {
    const rest = text.slice(offset).split(/\r?\n/)[0] ?? "";
    if (offset >= text.length) return "the end of the file";
    if (rest === "") return "the end of the line";
    return JSON.stringify(rest.length > 40 ? `${rest.slice(0, 37)}...` : rest);
  };
  const describe = (e: YAMLError): string => {
    const message = e.message.split("\n")[0] as string;
    const found = foundAt(e.pos[0]);
    if (e.code === "TAB_AS_INDENT") return "expected spaces for indentation, found a tab (YAML does not allow tabs there)";
    if (e.code === "DUPLICATE_KEY")
      return `duplicate key ${JSON.stringify(keyAt(e.pos[0]))}: expected each key once per mapping, found it a second time`;
    const quote = /^Missing closing (["'])quote/.exec(message)?.[1];
    if (quote) return `invalid YAML: expected a closing ${quote} to end the quoted string, found ${found}`;
    const bracket = /end with an? ([\]}])$/.exec(message)?.[1];
    if (bracket)
      return `invalid YAML: expected a "${bracket}" to close the flow ${bracket === "}" ? 'mapping "{"' : 'sequence "["'} (or its lines indented deeper than its key), found ${found}`;
    if (message === "Nested mappings are not allowed in compact mappings" || e.code === "MULTILINE_IMPLICIT_KEY") {
      return `invalid YAML: expected one "key: value" per line, each key indented like its siblings, found a value running into a nested "key:" (check the indentation of the next line, or quote a value containing ": ")`;
    }
    if (e.code === "MULTIPLE_DOCS") return 'invalid YAML: expected one document, found a second one (remove the "---" line)';
    return `invalid YAML: ${message} (${e.code}); found ${found}`;
  };
  // One mistake often trips several parser errors at the same spot: report it once.
  const problems: PlacedProblem[] = [];
  const seenOffsets = new Set<number>();
  for (const e of [...doc.errors, ...doc.warnings]) {
    if (seenOffsets.has(e.pos[0])) continue;
    seenOffsets.add(e.pos[0]);
    problems.push({ ...at(e.pos[0]), code: PROBLEM_CODES.yaml, message: describe(e) });
  }
  // A mapping or list used as a key would become "[object]"-like text (and a runtime warning).
  let trusted = doc.errors.length === 0;
  if (trusted) {
    visit(doc, {
      Pair: (_, pair) => {
        if (!isPair(pair) || !isNode(pair.key) || isScalar(pair.key) || isAlias(pair.key)) return;
        const kind = isMap(pair.key) ? "a mapping" : "a list";
        trusted = false;
        problems.push({
          ...at(pair.key.range?.[0] ?? 0),
          code: PROBLEM_CODES.yaml,
          message: `invalid key: expected a plain key like "name", found ${kind} used as a key`,
        });
      },
    });
  }

  const locate = (path: DocPath, atKey = false): Position => {
    if (atKey && path.length > 0) {
      const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
      const pair = isMap(parent) ? parent.items.find((p) => isScalar(p.key) && p.key.value === path.at(-1)) : undefined;
      const range = (pair?.key as Node | undefined)?.range;
      if (range) return at(range[0]);
    }
    // The node itself, or its nearest ancestor when the key is missing.
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
      const range = (node as Node | null | undefined)?.range;
      if (range) return at(range[0]);
    }
    return START;
  };

  let data: unknown;
  if (trusted) {
    // An alias needs its anchor earlier in the document; find the first one that has none.
    const anchors = new Set<string>();
    let first: Alias | undefined;
    let unresolved: Alias | undefined;
    visit(doc, (_, node) => {
      if (isAlias(node)) {
        first ??= node;
        if (anchors.has(node.source)) return undefined;
        unresolved = node;
        return visit.BREAK;
      }
      if (isNode(node) && node.anchor) anchors.add(node.anchor);
      return undefined;
    });
    const aliasAt = (node: Alias | undefined) => (node?.range ? at(node.range[0]) : START);
    if (unresolved) {
      const name = unresolved.source;
      problems.push({
        ...aliasAt(unresolved),
        code: PROBLEM_CODES.aliases,
        message: `alias *${name}: expected an anchor &${name} earlier in the file, found none before this alias`,
      });
    } else {
      try {
        data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      } catch (error) {
        const message = `too many alias expansions: expected at most ${MAX_ALIAS_COUNT}, found aliases of aliases that expand further ("billion laughs"; ${(error as Error).message})`;
        problems.push({ ...aliasAt(first), code: PROBLEM_CODES.aliases, message });
      }
    }
  }
  return { doc, data, problems, locate };
}
