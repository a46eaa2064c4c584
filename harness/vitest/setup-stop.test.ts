import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/paths.js";

const VITEST = path.join(repoRoot, "node_modules/vitest/vitest.mjs");
const ERRORS = path.join(repoRoot, "harness/support/errors.ts");
const SETUP_STOP = path.join(repoRoot, "harness/vitest/setup-stop.ts");

/** A vitest run of its own whose global setup throws `thrown` (as prepareEnvironment would), through stopTestRun or not. */
async function runWithFailingSetup(thrown: string, throughStop: boolean) {
  const dir = await mkdtemp(path.join(tmpdir(), "dockproof-setup-stop-"));
  const raise = throughStop ? `throw stopTestRun(${thrown});` : `throw ${thrown};`;
  await writeFile(
    path.join(dir, "setup.ts"),
    `import { EngineUnavailableError, InvalidInputError } from ${JSON.stringify(ERRORS)};\n` +
      `import { stopTestRun } from ${JSON.stringify(SETUP_STOP)};\n` +
      `export default async function setup() { void EngineUnavailableError; void InvalidInputError; void stopTestRun; ${raise} }\n`,
  );
  await writeFile(path.join(dir, "one.test.ts"), 'import { it } from "vitest";\nit("never runs", () => {});\n');
  await writeFile(path.join(dir, "vitest.config.mjs"), 'export default { test: { globalSetup: ["./setup.ts"], include: ["*.test.ts"] } };\n');
  return execa("node", [VITEST, "run", "--root", dir, "--config", path.join(dir, "vitest.config.mjs")], {
    cwd: dir,
    reject: false,
    env: { CI: "1" },
    timeout: 60_000,
  });
}

const MACHINE =
  'new EngineUnavailableError("E_INSTALL_FAILED", "this machine could not install debootstrap: E: Unable to locate package debootstrap")';

describe("npm test's global setup stopped by this machine", () => {
  it("exits 3, saying it was this machine and no lesson was judged", async () => {
    const result = await runWithFailingSetup(MACHINE, true);
    expect(result.exitCode, result.stderr).toBe(3);
    expect(result.stderr).toContain(
      "dockproof: this machine could not run the lessons (no lesson was judged): this machine could not install debootstrap: E: Unable to locate package debootstrap [E_INSTALL_FAILED]",
    );
  });

  it("the user's input is 2, a bug of dockproof's own is 3 with its stack", async () => {
    const input = await runWithFailingSetup('new InvalidInputError("E_USAGE", "expected --engines modern or legacy")', true);
    expect(input.exitCode, input.stderr).toBe(2);
    const bug = await runWithFailingSetup('new TypeError("cannot read properties of undefined")', true);
    expect(bug.exitCode, bug.stderr).toBe(3);
    expect(bug.stderr).toMatch(
      /stopped by a bug in dockproof[^\n]*cannot read properties of undefined\nTypeError: cannot read properties of undefined\n\s+at /,
    );
  });

  it("the twin: the same failure thrown as it is exits 1, as vitest does for any setup error", async () => {
    const result = await runWithFailingSetup(MACHINE, false);
    expect(result.exitCode, result.stderr).toBe(1);
    expect(result.stderr).not.toContain("this machine could not run the lessons");
  });
});
