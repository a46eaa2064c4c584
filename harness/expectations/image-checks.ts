import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { imageLayers, parseDockerfile, sharedLayers } from "../builds/index.js";
import type { CheckContext, CheckOutcome } from "./check-outcome.js";

const short = (digest: string) => digest.replace(/^sha256:/, "").slice(0, 12);

/**
 * The lesson's "each instruction creates a layer": above the base, every RUN/COPY/ADD of the Dockerfile
 * accounts for exactly one layer of the image, as its history attributes them.
 */
export async function checkImageLayers(context: CheckContext, cwd: string, image: string, base: string, dockerfile: string): Promise<CheckOutcome> {
  const env = context.sandbox.cliEnv;
  const [layers, baseLayers, text] = await Promise.all([imageLayers(image, env), imageLayers(base, env), readFile(resolve(cwd, dockerfile), "utf8")]);
  const above = layers.slice(baseLayers.length);
  const expected = parseDockerfile(text).instructions.filter((instruction) => ["RUN", "COPY", "ADD"].includes(instruction.keyword));
  const evidence = {
    image,
    base,
    baseLayers: baseLayers.length,
    layers: above.map((layer) => ({ digest: short(layer.digest), bytes: layer.sizeBytes, instruction: layer.instruction })),
    instructions: expected.map((instruction) => `${instruction.line}: ${instruction.text}`),
  };
  // History shows `COPY file:<hash> in .` rather than the Dockerfile's text, so layers are matched by keyword, in order.
  // WORKDIR makes a layer on some builders and not on others (see harness/builds/README.md): it is left out.
  const keywordOf = (instruction: string | null) => (instruction ?? "?").split(/\s+/)[0]?.toUpperCase() ?? "?";
  const seen = above.map((layer) => keywordOf(layer.instruction)).filter((keyword) => keyword !== "WORKDIR");
  const wanted = expected.map((instruction) => instruction.keyword);
  const baseIntact = baseLayers.every((layer, index) => layers[index]?.digest === layer.digest);
  if (baseIntact && seen.join(" ") === wanted.join(" ")) {
    return { passed: true, message: `${baseLayers.length} base layer(s), then one layer per instruction: ${wanted.join(", ")}`, evidence };
  }
  const problems = [
    ...(baseIntact ? [] : [`expected ${image} to start with the ${baseLayers.length} layers of ${base}, found different digests`]),
    ...(seen.join(" ") === wanted.join(" ")
      ? []
      : [`expected one layer per RUN/COPY/ADD above the base (${wanted.join(", ")}), found ${seen.join(", ") || "none"}`]),
  ];
  return { passed: false, message: problems.join("; "), evidence };
}

export async function checkLayersShared(context: CheckContext, a: string, b: string, atLeast: number): Promise<CheckOutcome> {
  const shared = await sharedLayers(a, b, context.sandbox.cliEnv);
  const evidence = {
    images: [a, b],
    shared: shared.count,
    bytes: shared.bytes,
    digests: shared.layers.map((layer) => short(layer.digest)),
    layerCounts: [shared.a.layerCount, shared.b.layerCount],
  };
  const seen = `${a} and ${b} share ${shared.count} layer(s), ${(shared.bytes / 1e6).toFixed(1)} MB`;
  return shared.count >= atLeast
    ? { passed: true, message: seen, evidence }
    : { passed: false, message: `expected at least ${atLeast} shared layer(s); found: ${seen}`, evidence };
}

export function checkValues(left: string, right: string, expectEqual: boolean): CheckOutcome {
  const equal = left === right;
  const evidence = { left, right, equal };
  const seen = equal ? `both are ${JSON.stringify(left)}` : `${JSON.stringify(left)} vs ${JSON.stringify(right)}`;
  return equal === expectEqual
    ? { passed: true, message: seen, evidence }
    : { passed: false, message: `expected the values to ${expectEqual ? "be equal" : "differ"}; found ${seen}`, evidence };
}
