import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../support/paths.js";
import { loadPlans } from "./load-scenarios.js";
import type { BaselinePolicy } from "./record-baselines.js";

// The claims fixture (a lesson of dockproof's own): what loading binds a step to, and what it takes from the lesson.
const FIXTURE = path.join(repoRoot, "fixtures/claims");
const LESSON = "securing-mongo.txt";
const original = (await readFile(path.join(FIXTURE, "lessons", LESSON), "utf8")).split("\n");

async function copy(edit: Record<number, string> = {}, options: { baseline?: boolean } = {}) {
  const dir = await mkdtemp(path.join(tmpdir(), "dockproof-claims-unit-"));
  await cp(path.join(FIXTURE, "scenarios"), path.join(dir, "scenarios"), { recursive: true });
  if (options.baseline === false) await rm(path.join(dir, "scenarios/lesson-baselines"), { recursive: true });
  await cp(path.join(FIXTURE, "lessons"), path.join(dir, "lessons"), { recursive: true });
  await writeFile(path.join(dir, "lessons", LESSON), original.map((line, index) => edit[index + 1] ?? line).join("\n"));
  return dir;
}

async function plan(dir: string, baselines: BaselinePolicy = "assume") {
  const loaded = await loadPlans([path.join(dir, "scenarios")], { lessonsDir: path.join(dir, "lessons"), baselines });
  expect(loaded.problems).toEqual([]);
  return { ...loaded, plan: loaded.plans[0] };
}
const step = (loaded: Awaited<ReturnType<typeof plan>>, name: string) => loaded.plan?.steps.find((candidate) => candidate.name === name);

describe("claims bound to their text", () => {
  it("as written: each claim bound, none to review; values are the lesson's", async () => {
    const loaded = await plan(await copy());
    const insert = step(loaded, "with the lesson's connection string you can write data");
    expect(insert?.claims).toEqual([{ line: 7, role: "proves", text: original[6], review: null }]);
    expect(insert?.values).toEqual([{ field: "target", line: 7, value: "mongodb://admin:s3cret@localhost:27017" }]);
    expect(insert?.kind === "check" && insert.spec).toMatchObject({ target: "mongodb://admin:s3cret@localhost:27017" });
    const ready = step(loaded, "mongo answers on the port line 5 publishes");
    expect(ready?.kind === "check" && ready.spec).toMatchObject({ target: "mongodb://localhost:27017" }); // made with `as`
  });

  it("a claim line reworded: its step is review, saying was and now", async () => {
    const loaded = await plan(await copy({ 9: "Without the password the server turns you away." }));
    expect(step(loaded, "without the password the server refuses you")?.claims[0]?.review).toBe(
      'the claim it proves changed: line 9 was "Without the password the server refuses you.", now "Without the password the server turns you away."',
    );
    expect(loaded.notes.join("\n")).toMatch(/lesson line 9 changed: .*the step that proves it is review until the scenario is updated/);
  });

  it("the twin: a claim line edited only in the value its step takes from it is no review; the step uses the new value", async () => {
    const loaded = await plan(await copy({ 7: "The connection string is mongodb://admin:hunter2@localhost:27017 and with it you can write data." }));
    const insert = step(loaded, "with the lesson's connection string you can write data");
    expect(insert?.claims[0]?.review).toBeNull();
    expect(insert?.values[0]?.value).toBe("mongodb://admin:hunter2@localhost:27017");
    // The note shows the password as ****.
    expect(loaded.notes.join("\n")).toContain("mongodb://admin:****@localhost");
    expect(loaded.notes.join("\n")).not.toContain("hunter2");
  });

  it("the port edited in a command: the value made from it follows, and the stamp changes with the lesson text, not the scenario", async () => {
    const before = await plan(await copy());
    const after = await plan(await copy({ 5: original[4]?.replace("-p 27017:27017", "-p 27018:27017") ?? "" }));
    const ready = step(after, "mongo answers on the port line 5 publishes");
    expect(ready?.kind === "check" && ready.spec).toMatchObject({ target: "mongodb://localhost:27018" });
    const [stampBefore, stampAfter] = [before, after].map((loaded) => [...loaded.stamps.values()][0]);
    expect(stampAfter?.scenario).toBe(stampBefore?.scenario);
    expect(stampAfter?.lesson.hash).not.toBe(stampBefore?.lesson.hash);
  });

  it("a claim line edited so that the value its step takes is gone: that step is review and will not run, the rest loads", async () => {
    const loaded = await plan(await copy({ 7: "Connect with the credentials you chose and you can write data." }));
    const insert = step(loaded, "with the lesson's connection string you can write data");
    expect(insert?.unresolved).toBe(
      'the value it takes from line 7 is gone: line 7 was "The connection string is mongodb://admin:****@localhost:27017 and with it you can write data.", now "Connect with the credentials you chose and you can write data.", which does not show what /(mongodb://\\S+)/ matches',
    );
    expect(step(loaded, "without the password the server refuses you")?.unresolved).toBeNull();
  });

  it("the twin: a pattern that does not match a line the lesson never changed is the scenario's mistake, a load problem naming line and pattern", async () => {
    const dir = await copy();
    const file = path.join(dir, "scenarios", (await readdir(path.join(dir, "scenarios"))).find((name) => name.endsWith(".yaml")) ?? "");
    await writeFile(file, (await readFile(file, "utf8")).replace("(mongodb://\\S+)", "(postgres://\\S+)"));
    const { problems } = await loadPlans([path.join(dir, "scenarios")], { lessonsDir: path.join(dir, "lessons") });
    expect(problems.join("\n")).toMatch(
      /target: expected lesson line 7 to show what \/\(postgres:\/\/\\S\+\)\/ matches, found "The connection string/,
    );
    // Said once: not again as the schema's complaint about the mapping left in its place.
    expect(problems.join("\n")).not.toMatch(/expected a string, found a mapping/);
  });
});

describe("baselines from the start", () => {
  it("no baseline, outside CI: the first load records it (a note says to commit it), and the claims are bound", async () => {
    const dir = await copy({}, { baseline: false });
    const loaded = await plan(dir, "record");
    const baseline = path.join(dir, "scenarios/lesson-baselines", LESSON);
    expect(existsSync(baseline)).toBe(true);
    expect((await readFile(baseline, "utf8")).trimEnd()).toBe(original.join("\n").trimEnd());
    expect(loaded.notes.join("\n")).toMatch(/recorded the lesson as it is now as this baseline: commit it/);
    expect(loaded.plan?.steps.flatMap((candidate) => candidate.claims).every((claim) => claim.review === null)).toBe(true);
  });

  it("the twin in CI: nothing is written, and every claim is review, saying what to commit", async () => {
    const dir = await copy({}, { baseline: false });
    const loaded = await plan(dir, "require");
    expect(existsSync(path.join(dir, "scenarios/lesson-baselines", LESSON))).toBe(false);
    const reviews = loaded.plan?.steps.flatMap((candidate) => candidate.claims).map((claim) => claim.review) ?? [];
    expect(reviews).toHaveLength(3);
    for (const review of reviews) expect(review).toMatch(/^no baseline records the lesson text .* commit .*lesson-baselines\/securing-mongo\.txt$/);
  });
});
