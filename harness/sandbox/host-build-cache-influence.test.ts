import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseBuildOutput } from "../builds/index.js";
import { checkBuild } from "../checks/build-evidence.js";
import { cacheInfluence } from "./host-build-cache-influence.js";
import type { CacheFound } from "./sandbox.js";

const fixtures = join(import.meta.dirname, "../builds/test-fixtures");
const dockerfile = readFileSync(join(fixtures, "backend.Dockerfile"), "utf8");
const build = (name: string) => parseBuildOutput(readFileSync(join(fixtures, name), "utf8"), "buildkit", { dockerfile });
const cold = build("buildkit-opt-cold.txt");
const cached = build("buildkit-opt-cached.txt");
const edited = build("buildkit-opt-source-change.txt");

const found: CacheFound = { kind: "found", entries: ["w1cxm777109p39rxcj8r7mxhf (mount / from exec /bin/sh -c npm install)"] };
const none: CacheFound = { kind: "none" };
const unknown: CacheFound = { kind: "unknown", reason: "the engine is Podman" };
const afterEdit = { cached: ["WORKDIR /usr/src/app", "COPY package*.json ./", "RUN npm install"], rebuilt: ["COPY . .", "RUN npm run build"] };

describe("cacheInfluence: which verdicts cache from before the scenario can explain", () => {
  it("a first build found all cached while older cache was used: unverified, with the lesson's expectation and the records", () => {
    expect(checkBuild(cached, { fullyCached: false }).passed).toBe(false);
    const reason = cacheInfluence(cached, { fullyCached: false }, found);
    expect(reason).toContain("expected at least one step to run again, found all cached");
    expect(reason).toContain("the engine's build cache held entries from before this scenario, and this build used them: w1cxm777109p39rxcj8r7mxhf");
  });

  it("the same build with no older cache used is the lesson's verdict (it fails)", () => {
    expect(cacheInfluence(cached, { fullyCached: false }, none)).toBeNull();
  });

  it("steps that ran as the lesson says stand, whatever older cache there was: it can only add cached steps", () => {
    expect(cacheInfluence(cold, { fullyCached: false }, found)).toBeNull();
    expect(cacheInfluence(edited, { rebuilt: ["COPY . .", "RUN npm run build"] }, found)).toBeNull();
  });

  it("a step the lesson says is cached that ran is a failure older cache cannot explain", () => {
    expect(checkBuild(cold, { fullyCached: true }).passed).toBe(false);
    expect(cacheInfluence(cold, { fullyCached: true }, found)).toBeNull();
    expect(cacheInfluence(cold, afterEdit, found)).toBeNull();
  });

  it("cache the lesson expects, found where older cache was used, may not be the scenario's own: unverified", () => {
    expect(checkBuild(edited, afterEdit).passed).toBe(true);
    expect(cacheInfluence(edited, afterEdit, found)).toMatch(
      /^the steps came from the cache as expected, but .*not necessarily this scenario's own$/,
    );
    expect(cacheInfluence(cached, { fullyCached: true }, found)).not.toBeNull();
    expect(cacheInfluence(edited, afterEdit, none)).toBeNull();
  });

  it("an engine whose cache cannot be listed makes the same claims unverified, saying why", () => {
    expect(cacheInfluence(cached, { fullyCached: false }, unknown)).toContain(
      "could not be checked for entries from before this scenario: the engine is Podman",
    );
    expect(cacheInfluence(cold, { fullyCached: false }, unknown)).toBeNull();
  });

  it("lists at most four records and counts the rest", () => {
    const many: CacheFound = { kind: "found", entries: ["a", "b", "c", "d", "e", "f"] };
    expect(cacheInfluence(cached, { fullyCached: false }, many)).toMatch(/used them: a, b, c, d and 2 more$/);
  });
});
