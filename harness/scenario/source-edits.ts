/**
 * Edits a scenario file in place by the source ranges of its YAML nodes, so everything around them (comments, folded
 * text, flow lists, blank lines) stays exactly as the author wrote it; re-serialising the document would not.
 */
import { isMap, isNode, isPair, isScalar, type Node, type Pair, parseDocument } from "yaml";
import type { DocPath } from "./problem.js";

export interface SourceEdit {
  /** Character offsets [start, end) in the file's text. */
  range: [number, number];
  replacement: string;
}

export function applyEdits(text: string, edits: readonly SourceEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.range[0] - a.range[0]);
  let out = text;
  for (const edit of sorted) out = out.slice(0, edit.range[0]) + edit.replacement + out.slice(edit.range[1]);
  return out;
}

/** A parsed scenario file that can say where its nodes are. */
export class EditableScenario {
  private readonly doc;

  constructor(readonly text: string) {
    this.doc = parseDocument(text, { keepSourceTokens: true });
  }

  node(path: DocPath): Node | undefined {
    const found = this.doc.getIn(path, true);
    return isNode(found) ? found : undefined;
  }

  /** The key/value pair at `path` (its last element names the key). */
  pair(path: DocPath): Pair<Node, Node> | undefined {
    const parent = path.length === 1 ? this.doc.contents : this.doc.getIn(path.slice(0, -1), true);
    if (!isMap(parent)) return undefined;
    return parent.items.find((item): item is Pair<Node, Node> => isPair(item) && isScalar(item.key) && item.key.value === path.at(-1));
  }

  /** Replaces the value at `path` (a scalar or a flow collection) with `replacement` text. */
  replaceValue(path: DocPath, replacement: string): SourceEdit | undefined {
    const range = this.node(path)?.range;
    return range ? { range: [range[0], range[1]], replacement } : undefined;
  }

  /** Removes the line(s) of the `key: value` pair at `path` in a block mapping, with its line break. */
  removePair(path: DocPath): SourceEdit | undefined {
    const pair = this.pair(path);
    const start = pair?.key.range?.[0];
    const end = pair?.value?.range?.[2];
    if (start === undefined || end === undefined) return undefined;
    const lineStart = this.text.lastIndexOf("\n", start - 1) + 1;
    const lineEnd = this.text.indexOf("\n", end - 1);
    return { range: [lineStart, lineEnd === -1 ? this.text.length : lineEnd + 1], replacement: "" };
  }
}
