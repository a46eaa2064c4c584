import { describe, expect, it } from "vitest";
import type { HostDistro } from "../host-distro.js";
import { recipeHash } from "../recipe-hash.js";
import type { Recipe, RecipeContext } from "../types.js";
import { debianBaseRecipe } from "./debian-base.js";

const host = (suite: string): HostDistro => ({
  suite,
  mirror: {
    uri: "http://deb.debian.org/debian",
    suite,
    signedBy: "/usr/share/keyrings/debian-archive-keyring.gpg",
    origin: "/etc/apt/sources.list.d/debian.sources",
  },
});

/** Only `host` is used at plan time; the rest is for build(), which these tests never call. */
const contextOn = (distro: HostDistro) => ({ host: async () => distro }) as unknown as RecipeContext;

/** What PrepareSession hashes for a base (no dependencies). */
async function baseHash(recipe: Recipe, distro: HostDistro, ref: string): Promise<string> {
  const plan = await recipe.plan(contextOn(distro));
  return recipeHash({ ref, inputs: plan.inputs, dependencies: {} });
}

describe("debianBaseRecipe", () => {
  it("keeps the bookworm base's hash of before the suite parameter (pinned: a change rebuilds every cached image)", async () => {
    // The hash this project's machines tag `dockproof/substitute/debian:bookworm-slim-dff7fc1ba66a` with.
    const hash = await baseHash(debianBaseRecipe(), host("bookworm"), "debian:bookworm-slim");
    expect(hash).toBe("dff7fc1ba66a413d7c869be8cdcd7f78a12272e477936715b30426c72ccb614b");
    expect(await baseHash(debianBaseRecipe({ suite: "bookworm" }), host("bookworm"), "debian:bookworm-slim")).toBe(hash);
  });

  it("bootstraps the requested suite from the host's mirror, whatever the host's own suite", async () => {
    const plan = await debianBaseRecipe({ suite: "trixie" }).plan(contextOn(host("bookworm")));
    expect(plan.inputs).toMatchObject({ kind: "debootstrap", suite: "trixie", mirror: "http://deb.debian.org/debian" });
    const bookworm = await debianBaseRecipe().plan(contextOn(host("bookworm")));
    expect(bookworm.inputs.suite).toBe("bookworm");
    expect(await baseHash(debianBaseRecipe({ suite: "trixie" }), host("bookworm"), "debian:trixie-slim")).not.toBe(
      await baseHash(debianBaseRecipe({ suite: "trixie" }), host("bookworm"), "debian:bookworm-slim"),
    );
  });

  it("without a suite follows the host's own (a trixie host bootstraps trixie)", async () => {
    const plan = await debianBaseRecipe().plan(contextOn(host("trixie")));
    expect(plan.inputs.suite).toBe("trixie");
  });
});
