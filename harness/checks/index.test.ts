import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { CHECK_KINDS, CHECKS, checkFor } from "./index.js";

/** Sample evidence per kind, as its run records it, and the words the summary must show for it. */
const WORDS: Record<string, Array<[Record<string, unknown>, string[]]>> = {
  resolves: [[{ from: "backend", name: "mongo", resolved: true, addresses: ["172.18.0.3"] }, ["mongo -> 172.18.0.3 from backend"]]],
  "does-not-resolve": [[{ from: "alpha", name: "beta", resolved: false, addresses: [] }, ["beta does not resolve from alpha"]]],
  reachable: [
    [{ from: null, target: "tcp://localhost:8080", reachable: true }, ["tcp://localhost:8080 reachable from harness"]],
    [
      { from: null, target: "http://localhost:3000/roundtrip", reachable: true, status: 200 },
      ["http://localhost:3000/roundtrip reachable from harness (HTTP 200)"],
    ],
  ],
  unreachable: [[{ from: "alpha", target: "tcp://localhost:8080", reachable: false }, ["tcp://localhost:8080 unreachable from alpha"]]],
  "logs-contain": [
    [{ container: "backend", text: "connected", line: "db connected" }, ['logs of backend show "connected"']],
    [{ container: "backend", text: "connected", tail: "" }, ['logs of backend lack "connected"']],
  ],
  "mongo-ready": [[{ target: "mongodb://localhost:27017", ping: 1 }, ["mongodb://localhost:27017 answered ping"]]],
  "mongo-insert": [[{ namespace: "course.notes", acknowledged: true, inserted: 3 }, ["3 documents written to course.notes"]]],
  "mongo-count": [
    [{ namespace: "course.notes", count: 3, expected: 3 }, ["3 of 3 documents in course.notes"]],
    [{ namespace: "course.notes", count: 0, expected: 0 }, ["0 documents in course.notes"]],
  ],
  "mongo-refused": [
    [
      { target: "mongodb://localhost:27017", operation: "insert", refused: true, code: 13, codeName: "Unauthorized" },
      ["mongodb://localhost:27017 refused insert: Unauthorized (13)"],
    ],
    [
      { target: "mongodb://admin:****@localhost:27017", operation: "find", refused: false },
      ["mongodb://admin:****@localhost:27017 did not refuse find"],
    ],
  ],
  "image-layers": [
    [
      { image: "image_tag", base: "node:20", baseLayers: 7, layers: [{ instruction: "COPY file:1 in ." }, { instruction: "RUN npm install" }] },
      ["image_tag: 7 layers of node:20, then 2 of its own (COPY, RUN)"],
    ],
  ],
  "layers-shared": [[{ images: ["node:20", "image_tag"], shared: 5, bytes: 120_345_678 }, ["node:20 and image_tag share 5 layers (120.3 MB)"]]],
  "values-equal": [[{ left: "sha256:abc", right: "sha256:abc", equal: true }, ['both "sha256:abc"']]],
  "values-differ": [[{ left: "a", right: "b", equal: false }, ['"a" ≠ "b"']]],
  "image-config": [
    [
      {
        image: "image_tag",
        cmd: { form: "shell", script: '["node", "dist/index.js", ]', words: ["[node,", "dist/index.js,", "]"], program: "[node," },
      },
      ['image_tag: CMD in shell form "[\\"node\\", \\"dist/index.js\\", ]" (runs "[node,")'],
    ],
    [
      { image: "image_tag", cmd: { form: "exec", words: ["node", "dist/index.js"], program: "node" } },
      ['image_tag: CMD in exec form ["node","dist/index.js"]'],
    ],
  ],
  "container-exit": [
    [
      { container: "backend", status: "exited", exitCode: 127, lastLogs: "/bin/sh: 1: [node,: not found" },
      ["backend exited 127: /bin/sh: 1: [node,: not found"],
    ],
    [{ container: "backend", status: "running", exitCode: null, lastLogs: "" }, ["backend running"]],
  ],
  "image-size": [
    [{ image: "backend", bytes: 142_300_000, atMostBytes: 200_000_000 }, ["backend: 142.3MB"]],
    [{ image: "backend", bytes: 142_300_000, other: "node:20", otherBytes: 1_100_000_000 }, ["backend: 142.3MB (node:20: 1.10GB)"]],
  ],
};

/** Text fields no check expands, and why: everything else that holds text must take `${variables}`. */
const LITERAL_TEXT = new Set(["name", "finding", "note", "dockerfile", "timeout", "eventually", "runningFor", "atMost"]);

type Def = {
  type: string;
  innerType?: z.core.$ZodType;
  in?: z.core.$ZodType;
  shape?: Record<string, z.core.$ZodType>;
  element?: z.core.$ZodType;
  items?: z.core.$ZodType[];
  options?: z.core.$ZodType[];
};
const defOf = (schema: z.core.$ZodType) => schema._zod.def as unknown as Def;

/** Dotted paths of every plain-text field (a string, or a list/tuple of strings) in an object schema. */
function textFields(schema: z.core.$ZodType, prefix = ""): string[] {
  const def = defOf(schema);
  if (def.innerType) return textFields(def.innerType, prefix);
  if (def.type === "pipe" && def.in) return textFields(def.in, prefix);
  if (def.type === "string") return [prefix];
  if (def.type === "array" && def.element) return defOf(def.element).type === "string" ? [prefix] : [];
  if (def.type === "tuple" && def.items) return def.items.every((item) => textFields(item).length > 0) ? [prefix] : [];
  if (def.type === "object" && def.shape)
    return Object.entries(def.shape).flatMap(([key, field]) => textFields(field, prefix ? `${prefix}.${key}` : key));
  return [];
}

describe("the check registry", () => {
  it("lists every kind once, each handled by exactly one module", () => {
    expect(new Set(CHECK_KINDS).size).toBe(CHECK_KINDS.length);
    for (const kind of CHECK_KINDS) expect(checkFor(kind)?.kinds).toContain(kind);
    expect(checkFor("no-such-kind")).toBeUndefined();
  });

  it("has every part for every kind: a schema per shape, describe, run, and words with a worked example here", () => {
    for (const definition of CHECKS) {
      expect(definition.schemas.length, definition.kinds.join("/")).toBeGreaterThan(0);
      expect(typeof definition.describe).toBe("function");
      expect(typeof definition.run).toBe("function");
      for (const kind of definition.kinds) {
        expect(WORDS[kind], `${kind} needs a words example in index.test.ts`).toBeDefined();
        for (const [evidence, words] of WORDS[kind] ?? []) expect(definition.words(evidence), kind).toEqual(words);
        expect(definition.words({}), `${kind}: no evidence, no words`).toEqual([]);
      }
    }
  });

  it("expands `${variables}` in every text field of every kind, but the few that are literal on purpose", () => {
    for (const definition of CHECKS) {
      for (const schema of definition.schemas) {
        const unclassified = textFields(schema).filter((field) => !LITERAL_TEXT.has(field) && !definition.variableFields.includes(field));
        expect(unclassified, `${definition.kinds.join("/")}: text fields neither in variableFields nor literal`).toEqual([]);
      }
      for (const field of definition.variableFields) {
        expect(
          definition.schemas.some((schema) => textFields(schema).includes(field)),
          `${definition.kinds.join("/")}: ${field} is not a text field`,
        ).toBe(true);
      }
    }
  });

  it("the classification test catches a text field left out of variableFields (twin of the e0d93e9 drift)", () => {
    const layersShared = checkFor("layers-shared");
    const fields = textFields(layersShared?.schemas[0] as z.core.$ZodType);
    expect(fields).toContain("images");
    expect(fields.filter((field) => !LITERAL_TEXT.has(field) && !["from"].includes(field))).toContain("images");
  });
});
