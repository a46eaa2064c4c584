import { z } from "zod";
import { sharedLayers } from "../builds/index.js";
import { withMs } from "./duration.js";
import { checkShape, nonEmpty } from "./step-fields.js";
import type { CheckContext, CheckOutcome } from "./check-context.js";
import { defineCheck } from "./check-definition.js";
import { numberOf, stringList } from "./evidence-values.js";

const schema = z
  .object({
    ...checkShape,
    check: z.literal("layers-shared"),
    images: z.tuple([nonEmpty("an image reference"), nonEmpty("an image reference")], { error: "expected two image references" }),
    atLeast: z.int().min(1).prefault(1).describe("Minimum number of shared layers"),
  })
  .strict()
  .describe("The two images share layers (equal digests); evidence: which and how many bytes")
  .transform(withMs);

const short = (digest: string) => digest.replace(/^sha256:/, "").slice(0, 12);

async function run(spec: z.output<typeof schema>, context: CheckContext): Promise<CheckOutcome> {
  const [a, b] = spec.images;
  const shared = await sharedLayers(a, b, context.docker);
  const evidence = {
    images: [a, b],
    shared: shared.count,
    bytes: shared.bytes,
    digests: shared.layers.map((layer) => short(layer.digest)),
    layerCounts: [shared.a.layerCount, shared.b.layerCount],
  };
  const seen = `${a} and ${b} share ${shared.count} layer(s), ${(shared.bytes / 1e6).toFixed(1)} MB`;
  return shared.count >= spec.atLeast
    ? { passed: true, message: seen, evidence }
    : { passed: false, message: `expected at least ${spec.atLeast} shared layer(s); found: ${seen}`, evidence };
}

export const layersSharedCheck = defineCheck({
  kinds: ["layers-shared"],
  schemas: [schema],
  variableFields: ["images"],
  describe: (spec) => `${spec.images[0]} and ${spec.images[1]} share layers`,
  run,
  words: (evidence) => {
    const shared = numberOf(evidence.shared);
    if (shared === null) return [];
    const bytes = numberOf(evidence.bytes);
    return [
      `${stringList(evidence.images).join(" and ")} share ${shared} ${shared === 1 ? "layer" : "layers"}${bytes === null ? "" : ` (${(bytes / 1e6).toFixed(1)} MB)`}`,
    ];
  },
});
