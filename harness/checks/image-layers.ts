import { readDockerfile } from "../lesson/untrusted-file.js";
import { StepError } from "../support/errors.js";
import { z } from "zod";
import { imageLayers, parseDockerfile } from "../builds/index.js";
import { withMs } from "./duration.js";
import { checkShape, nonEmpty } from "./step-fields.js";
import type { CheckContext, CheckOutcome } from "./check-context.js";
import { defineCheck } from "./check-definition.js";
import { isRecord } from "./evidence-values.js";

const schema = z
  .object({
    ...checkShape,
    check: z.literal("image-layers"),
    image: nonEmpty("an image reference"),
    base: nonEmpty("the base image reference"),
    dockerfile: nonEmpty("a Dockerfile path (in the workdir)").prefault("Dockerfile"),
  })
  .strict()
  .describe("Above the base, the image has one layer per filesystem-changing instruction (RUN, COPY, ADD), shown from its history")
  .transform(withMs);

/** The Dockerfile the image was built from, read by the same rules as every file a scenario names. */
async function dockerfileText(workdir: string, name: string): Promise<string> {
  const read = readDockerfile(workdir, `the working folder ${workdir}`, name);
  if (read.problem) throw new StepError("E_STEP_FILE", read.problem.message);
  return read.text;
}

const short = (digest: string) => digest.replace(/^sha256:/, "").slice(0, 12);
// History shows `COPY file:<hash> in .` rather than the Dockerfile's text, so layers are matched by keyword, in order.
const keywordOf = (instruction: string | null) => (instruction ?? "?").split(/\s+/)[0]?.toUpperCase() ?? "?";

/**
 * The lesson's "each instruction creates a layer": above the base, every RUN/COPY/ADD of the Dockerfile
 * accounts for exactly one layer of the image, as its history attributes them.
 */
async function run(spec: z.output<typeof schema>, context: CheckContext): Promise<CheckOutcome> {
  const { image, base } = spec;
  const [layers, baseLayers, text] = await Promise.all([
    imageLayers(image, context.docker),
    imageLayers(base, context.docker),
    dockerfileText(context.workdir, spec.dockerfile),
  ]);
  const above = layers.slice(baseLayers.length);
  const expected = parseDockerfile(text).instructions.filter((instruction) => ["RUN", "COPY", "ADD"].includes(instruction.keyword));
  const evidence = {
    image,
    base,
    baseLayers: baseLayers.length,
    layers: above.map((layer) => ({ digest: short(layer.digest), bytes: layer.sizeBytes, instruction: layer.instruction })),
    instructions: expected.map((instruction) => `${instruction.line}: ${instruction.text}`),
  };
  // WORKDIR makes a layer on some builders and not on others (see harness/builds/README.md): it is left out.
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

export const imageLayersCheck = defineCheck({
  kinds: ["image-layers"],
  schemas: [schema],
  variableFields: ["image", "base"],
  workdirFiles: [{ field: "dockerfile", fallback: "Dockerfile" }],
  describe: (spec) => `${spec.image} has one layer per instruction above ${spec.base}`,
  run,
  words: (evidence) => {
    if (typeof evidence.image !== "string" || !Array.isArray(evidence.layers)) return [];
    const own = evidence.layers.map((layer) => (isRecord(layer) && typeof layer.instruction === "string" ? keywordOf(layer.instruction) : "?"));
    return [
      `${evidence.image}: ${evidence.baseLayers} layers of ${evidence.base}, then ${own.length} of its own${own.length ? ` (${own.join(", ")})` : ""}`,
    ];
  },
});
