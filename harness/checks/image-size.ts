/**
 * `image-size`: how big an image is, against a bound (`atMost: 200MB`) or another image (`smallerThan: node:20`). A
 * size says only what it is about when the images are the real ones: an image that is (or is built FROM) one of
 * dockproof's stand-ins is the stand-in's size, so the claim is unverified with the catalog's own sentence ("Not
 * Alpine: …" for an Alpine tag, "Its size is the stand-in's own …" for the others), never passed or failed.
 */
import { z } from "zod";
import { StepError } from "../support/errors.js";
import type { CheckContext, CheckOutcome } from "./check-context.js";
import { defineCheck } from "./check-definition.js";
import { withMs } from "./duration.js";
import { numberOf } from "./evidence-values.js";
import { checkShape, nonEmpty } from "./step-fields.js";
import { SubstituteGapError, substituteLimitation } from "./substitute-gap.js";

/** What dockproof labels its stand-ins with (harness/images/image-labels.ts); an image built FROM one inherits it. */
const SUBSTITUTE_LABEL = "org.dockproof.substitute-for";
const SIZE_PATTERN = /^(\d+(?:\.\d+)?)\s*(B|kB|KB|MB|GB|KiB|MiB|GiB)$/;
const SIZE_EXPECTATION = 'expected a size like "200MB" or "1.2GB" (B, kB, MB, GB as docker images prints them, or KiB, MiB, GiB)';
const UNIT_BYTES: Record<string, number> = { B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 };

export function sizeBytes(text: string): number | undefined {
  const match = SIZE_PATTERN.exec(text.trim());
  return match ? Math.round(Number(match[1]) * (UNIT_BYTES[match[2] as string] as number)) : undefined;
}

/** Bytes as `docker images` shows them (decimal units). */
export const shownSize = (bytes: number): string =>
  bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)}GB` : bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)}MB` : `${(bytes / 1e3).toFixed(1)}kB`;

const schema = z
  .object({
    ...checkShape,
    check: z.literal("image-size"),
    image: nonEmpty("an image reference"),
    atMost: z
      .string({ error: SIZE_EXPECTATION })
      .refine((text) => sizeBytes(text) !== undefined, { error: SIZE_EXPECTATION })
      .optional()
      .describe("The image is no bigger than this"),
    smallerThan: nonEmpty("an image reference").optional().describe("The image is smaller than this other image"),
  })
  .strict()
  .refine((spec) => (spec.atMost === undefined) !== (spec.smallerThan === undefined), {
    error: "expected exactly one of `atMost` (a size) or `smallerThan` (another image)",
  })
  .describe("An image's size against a bound or another image; on a dockproof stand-in: unverified")
  .transform(withMs);

type Spec = z.output<typeof schema>;

const InspectSchema = z.object({ Size: z.number(), Config: z.object({ Labels: z.record(z.string(), z.string()).nullish() }).nullish() });

async function inspect(context: CheckContext, image: string): Promise<{ bytes: number; standsInFor: string | null } | { missing: string }> {
  const result = await context.docker.query(["image", "inspect", "--format", "{{json .}}", image], {
    what: `docker image inspect ${image}`,
    timeoutMs: context.attemptTimeoutMs,
  });
  if (result.exitCode !== 0) return { missing: result.stderr.trim() };
  const parsed = InspectSchema.safeParse(JSON.parse(result.stdout || "null"));
  if (!parsed.success) throw new StepError("E_IMAGE_CONFIG", `docker image inspect ${image} printed no size: ${result.stdout.slice(0, 300)}`);
  return { bytes: parsed.data.Size, standsInFor: parsed.data.Config?.Labels?.[SUBSTITUTE_LABEL] ?? null };
}

/** The catalog's sentence on why a stand-in's size proves nothing: "Not Alpine…" for an Alpine tag, else "Its size…". */
function sizeLimitation(context: CheckContext, ref: string): string {
  const sentences = context.limitationsOf(ref);
  const opening = sentences.some((sentence) => sentence.startsWith("Not Alpine")) ? "Not Alpine" : "Its size";
  return substituteLimitation(context, ref, opening);
}

async function run(spec: Spec, context: CheckContext): Promise<CheckOutcome> {
  const names = [spec.image, ...(spec.smallerThan ? [spec.smallerThan] : [])];
  const seen = [];
  for (const name of names) {
    const found = await inspect(context, name);
    if ("missing" in found) return { passed: false, message: `expected image ${name} to exist, found: ${found.missing}`, evidence: { image: name } };
    seen.push({ name, ...found });
  }
  const [image, other] = seen as [(typeof seen)[number], (typeof seen)[number] | undefined];
  const claim = spec.atMost !== undefined ? `that ${spec.image} is at most ${spec.atMost}` : `that ${spec.image} is smaller than ${spec.smallerThan}`;
  const evidence = {
    image: spec.image,
    bytes: image.bytes,
    ...(spec.atMost !== undefined ? { atMostBytes: sizeBytes(spec.atMost) } : {}),
    ...(other ? { other: other.name, otherBytes: other.bytes } : {}),
  };
  const stand = seen.find((entry) => entry.standsInFor !== null);
  if (stand?.standsInFor) {
    const on = stand.name === stand.standsInFor ? "" : ` (${stand.name} is built on it)`;
    throw new SubstituteGapError(`${claim}${on}`, stand.standsInFor, sizeLimitation(context, stand.standsInFor), {
      ...evidence,
      substituteFor: stand.standsInFor,
    });
  }
  const bound = spec.atMost !== undefined ? (sizeBytes(spec.atMost) as number) : (other?.bytes as number);
  const holds = spec.atMost !== undefined ? image.bytes <= bound : image.bytes < bound;
  const seenWords =
    spec.atMost !== undefined
      ? `${spec.image} is ${shownSize(image.bytes)}`
      : `${spec.image} is ${shownSize(image.bytes)}, ${spec.smallerThan} ${shownSize(bound)}`;
  return holds
    ? { passed: true, message: seenWords, evidence }
    : { passed: false, message: `expected ${claim.slice("that ".length)}; found ${seenWords}`, evidence };
}

export const imageSizeCheck = defineCheck({
  kinds: ["image-size"],
  schemas: [schema],
  variableFields: ["image", "smallerThan"],
  describe: (spec) => (spec.atMost !== undefined ? `${spec.image} is at most ${spec.atMost}` : `${spec.image} is smaller than ${spec.smallerThan}`),
  run,
  words: (evidence) => {
    const bytes = numberOf(evidence.bytes);
    if (typeof evidence.image !== "string" || bytes === null) return [];
    const other = numberOf(evidence.otherBytes);
    return [`${evidence.image}: ${shownSize(bytes)}${other !== null ? ` (${String(evidence.other)}: ${shownSize(other)})` : ""}`];
  },
});
