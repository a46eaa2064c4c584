import { describe, expect, it } from "vitest";
import { LABELS, labelsFor } from "./image-labels.js";
import type { CatalogEntry } from "./types.js";

const entry = (origin: CatalogEntry["origin"], dependsOn: string[]): CatalogEntry => ({
  ref: origin === "harness" ? "dockproof/probe" : "node:20",
  origin,
  visibility: "scenario",
  buildName: "x",
  recipe: { dependsOn, plan: async () => ({ inputs: {}, build: async () => {} }) },
});

describe("labelsFor", () => {
  it("marks stand-ins with what they substitute and what they were built from", () => {
    expect(labelsFor(entry("upstream", ["debian:bookworm-slim"]), "h")).toEqual({
      [LABELS.contentHash]: "h",
      [LABELS.substituteFor]: "node:20",
      [LABELS.builtFrom]: "debian:bookworm-slim",
    });
  });

  it("never calls a harness image a substitute, and omits built-from for a from-scratch base", () => {
    expect(labelsFor(entry("harness", ["debian:bookworm-slim"]), "h")).not.toHaveProperty(LABELS.substituteFor);
    expect(labelsFor(entry("upstream", []), "h")).toEqual({ [LABELS.contentHash]: "h", [LABELS.substituteFor]: "node:20" });
  });
});
