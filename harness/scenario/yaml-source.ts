/**
 * Reads a scenario file defensively (size, encoding, emptiness are checked before any parsing)
 * and parses it with yaml's LineCounter so every later problem can point at a line and column.
 */
import { readFile, stat } from 'node:fs/promises';
import { isMap, isScalar, LineCounter, parseDocument, visit, type Document, type Node, type YAMLError } from 'yaml';
import { PROBLEM_CODES, type DocPath } from './problem.js';

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
    if (!info.isFile()) return { problem: { ...START, code: PROBLEM_CODES.unreadable, message: 'expected a scenario file, found a directory or special file' } };
    if (info.size > MAX_SCENARIO_BYTES) {
      return { problem: { ...START, code: PROBLEM_CODES.tooLarge, message: `file is ${mib(info.size)} (${info.size} bytes), over the ${mib(MAX_SCENARIO_BYTES)} limit for scenario files` } };
    }
    bytes = await readFile(file);
  } catch (error) {
    const notFound = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return { problem: { ...START, code: notFound ? PROBLEM_CODES.notFound : PROBLEM_CODES.unreadable, message: notFound ? 'file not found' : `cannot read file: ${(error as Error).message}` } };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const before = bytes.subarray(0, nul).toString('latin1');
    const line = before.split('\n').length;
    return { problem: { line, col: nul - before.lastIndexOf('\n'), code: PROBLEM_CODES.binary, message: 'binary file (NUL byte), expected UTF-8 YAML text' } };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { problem: { ...START, code: PROBLEM_CODES.binary, message: 'binary file (invalid UTF-8), expected UTF-8 YAML text' } };
  }
  if (text.trim() === '') return { problem: { ...START, code: PROBLEM_CODES.empty, message: 'empty file, expected a mapping with schemaVersion: 1' } };
  return { text };
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
    visit(doc, { Pair: (_, pair) => (isScalar(pair.key) && pair.key.range?.[0] === offset ? ((key = pair.key.value), visit.BREAK) : undefined) });
    return key;
  };
  const describe = (e: YAMLError): string => {
    if (e.code === 'TAB_AS_INDENT') return 'expected spaces for indentation, found a tab (YAML does not allow tabs there)';
    if (e.code === 'DUPLICATE_KEY') return `duplicate key ${JSON.stringify(keyAt(e.pos[0]))}: expected each key once per mapping`;
    return `invalid YAML: ${e.message.split('\n')[0]} (${e.code})`;
  };
  const problems: PlacedProblem[] = [...doc.errors, ...doc.warnings].map((e) => ({ ...at(e.pos[0]), code: PROBLEM_CODES.yaml, message: describe(e) }));

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
  if (doc.errors.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      let alias: Position = START;
      visit(doc, { Alias: (_, node) => ((alias = node.range ? at(node.range[0]) : START), visit.BREAK) });
      problems.push({ ...alias, code: PROBLEM_CODES.aliases, message: `too many alias expansions (${(error as Error).message}); expected at most ${MAX_ALIAS_COUNT}` });
    }
  }
  return { doc, data, problems, locate };
}
