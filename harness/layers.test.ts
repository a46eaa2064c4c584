/**
 * The folders under harness/ are layers: a file imports only from its own folder or from a folder below it, and no
 * files import each other in a loop. Read off the import lines (static, `export … from`, dynamic `import()`; type-only
 * imports count too: they tie the folders just the same). Written by hand over the import lines: the rule is this
 * short list, and a dependency-cruiser config would say the same at more length.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./support/paths.js";

/** Bottom first. Folders on one rung do not import each other. */
const LAYERS: ReadonlyArray<readonly string[]> = [
  ["support"], // errors and codes, processes, deadlines, session labels
  ["docker"], // the one door to Docker, its implementations and its fake
  ["commands"], // command lines, docker argv, `${…}` values
  ["model"], // results, report and run-event types, stamps: plain data
  ["lesson"], // lesson text as untrusted input: lines, sections, the ledger
  ["builds", "terminal"], // build output and image layers; the learner's terminal
  ["checks"], // one module per check kind, the step-field vocabulary, run-step expectations
  ["scenario"], // YAML, schema, validation, lesson references, stamps: emits plans
  ["images", "outer-engine"], // recipes, catalog and engines; the engine dockproof talks to
  ["sandbox"], // dind and host sandboxes, templates, the reaper
  ["runner"], // runs plan steps in a sandbox, decides verdicts
  ["report"], // reads results, never runs anything
  ["scaffold"], // drafts scenarios from lessons
  ["cli", "vitest"], // entry points
];

/** Product code outside harness/ a layer may use: the MongoDB stand-in's own sources, which an image recipe builds. */
const OUTSIDE_ALLOWED = [/^fixtures\/mongo-compat\/src\//];

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?\sfrom\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

interface Violation {
  kind: "back-up" | "same-rung" | "outside" | "cycle";
  text: string;
}

const rankOf = (folder: string) => LAYERS.findIndex((rung) => rung.includes(folder));
const folderOf = (file: string) => file.split("/")[1] ?? "";

/** Every rule broken by `sources` (repo-relative path -> text; only harness/ files, tests left out). */
function layerViolations(sources: ReadonlyMap<string, string>): Violation[] {
  const violations: Violation[] = [];
  const edges = new Map<string, string[]>();
  for (const [file, text] of sources) {
    const targets: string[] = [];
    for (const match of text.matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? "";
      if (!specifier.startsWith(".")) continue;
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)).replace(/\.js$/, ".ts");
      targets.push(target);
      if (!target.startsWith("harness/")) {
        if (!OUTSIDE_ALLOWED.some((allowed) => allowed.test(target))) violations.push({ kind: "outside", text: `${file} imports ${target}` });
        continue;
      }
      const [from, to] = [folderOf(file), folderOf(target)];
      if (from === to) continue;
      const [fromRank, toRank] = [rankOf(from), rankOf(to)];
      if (fromRank < 0 || toRank < 0) violations.push({ kind: "back-up", text: `${file} -> ${target}: a folder no layer names (add it to LAYERS)` });
      else if (toRank > fromRank) violations.push({ kind: "back-up", text: `${file} (${from}) imports ${target} (${to}, a layer above)` });
      else if (toRank === fromRank) violations.push({ kind: "same-rung", text: `${file} (${from}) imports ${target} (${to}, the same layer)` });
    }
    edges.set(file, targets);
  }
  violations.push(...fileCycles(edges));
  return violations;
}

/** Files that import each other in a loop, one violation per loop found (depth-first, each file entered once). */
function fileCycles(edges: ReadonlyMap<string, readonly string[]>): Violation[] {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const found: Violation[] = [];
  const visit = (file: string) => {
    state.set(file, "open");
    stack.push(file);
    for (const next of edges.get(file) ?? []) {
      if (state.get(next) === "open") found.push({ kind: "cycle", text: [...stack.slice(stack.indexOf(next)), next].join(" -> ") });
      else if (!state.has(next) && edges.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of edges.keys()) if (!state.has(file)) visit(file);
  return found;
}

function harnessSources(): Map<string, string> {
  const sources = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(repoRoot, dir), { withFileTypes: true })) {
      const file = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(file);
      else if (file.endsWith(".ts") && !file.endsWith(".test.ts") && file.split("/").length > 2)
        sources.set(file, readFileSync(path.join(repoRoot, file), "utf8"));
    }
  };
  walk("harness");
  return sources;
}

describe("the folders under harness/ are layers", () => {
  it("every import runs down (or stays in its folder), and no files import each other in a loop", () => {
    const sources = harnessSources();
    expect(sources.size).toBeGreaterThan(200);
    expect(layerViolations(sources)).toEqual([]);
  });

  it("every folder under harness/ has its layer", () => {
    const folders = readdirSync(path.join(repoRoot, "harness"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(folders.filter((folder) => rankOf(folder) < 0)).toEqual([]);
  });

  it("the twins: a back-up import, an import within one rung, one into fixtures/, and a loop are each caught", () => {
    const tree = new Map([
      ["harness/support/errors.ts", 'import type { ScenarioPlan } from "../scenario/plan.js";'],
      ["harness/builds/build.ts", 'import { Terminal } from "../terminal/terminal.js";'],
      ["harness/runner/a.ts", 'export { b } from "./b.js";\nconst lazy = await import("../../fixtures/support/registry/local-registry.js");'],
      ["harness/runner/b.ts", 'import { a } from "./a.js";'],
      ["harness/images/recipe.ts", 'import { LIMITS } from "../../fixtures/mongo-compat/src/limitations.js";'],
    ]);
    expect(layerViolations(tree)).toEqual([
      { kind: "back-up", text: "harness/support/errors.ts (support) imports harness/scenario/plan.ts (scenario, a layer above)" },
      { kind: "same-rung", text: "harness/builds/build.ts (builds) imports harness/terminal/terminal.ts (terminal, the same layer)" },
      { kind: "outside", text: "harness/runner/a.ts imports fixtures/support/registry/local-registry.ts" },
      { kind: "cycle", text: "harness/runner/a.ts -> harness/runner/b.ts -> harness/runner/a.ts" },
    ]);
  });
});
