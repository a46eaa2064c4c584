import { z } from "zod";
import type { Docker } from "../docker/docker.js";
import { BUILD_ERROR_CODES, BuildEvidenceError, buildFailure } from "./build-errors.js";
import { attributeLayers, type HistoryRow, type ImageLayer } from "./history-attribution.js";

export type { ImageLayer } from "./history-attribution.js";

const INSPECT_TIMEOUT_MS = 30_000;

const InspectSchema = z.object({
  Id: z.string(),
  RootFS: z.object({ Layers: z.array(z.string()).nullish() }),
});
const HistorySchema = z.object({ ID: z.string(), CreatedBy: z.string(), Comment: z.string(), Size: z.string() });

/** The full `sha256:` id of `ref` on the engine. */
export async function imageId(ref: string, docker: Docker): Promise<string> {
  return (await inspect(ref, docker)).Id;
}

/**
 * The image's layers, bottom (base) first: diff id, size, and the instruction that created each,
 * from `docker image inspect` (RootFS.Layers) and `docker history`. See history-attribution.ts
 * for how rows and layers are paired when history cannot say.
 */
export async function imageLayers(ref: string, docker: Docker): Promise<ImageLayer[]> {
  const image = await inspect(ref, docker);
  const digests = image.RootFS.Layers ?? [];
  const rows = await history(ref, docker);
  const ids = [...new Set(rows.flatMap((row) => (row.id ? [row.id] : [])))];
  const counts = await layerCounts(ids, docker);
  counts.set(image.Id, digests.length);
  return attributeLayers(digests, rows, counts);
}

async function inspect(ref: string, docker: Docker): Promise<z.infer<typeof InspectSchema>> {
  const what = `docker image inspect ${ref}`;
  const result = await docker
    .withFailures(buildFailure)
    .query(["image", "inspect", "--format", "{{json .}}", ref], { what, timeoutMs: INSPECT_TIMEOUT_MS });
  if (result.exitCode !== 0) {
    const text = result.lines.map((line) => line.text).join("\n");
    const code = /no such (image|object)/i.test(text) ? BUILD_ERROR_CODES.imageNotFound : BUILD_ERROR_CODES.cliFailed;
    throw new BuildEvidenceError(code, `${what} exited ${result.exitCode}: ${text.trim()}`);
  }
  return parseJson(InspectSchema, result.stdout, what);
}

/** Oldest first, so index 0 is the base image's first row. */
async function history(ref: string, docker: Docker): Promise<HistoryRow[]> {
  const what = `docker history ${ref}`;
  const args = ["history", "--no-trunc", "--human=false", "--format", "{{json .}}", ref];
  const { stdout } = await docker.withFailures(buildFailure).run(args, { what, timeoutMs: INSPECT_TIMEOUT_MS });
  const rows = stdout
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => parseJson(HistorySchema, line, what))
    .map((row) => ({
      id: row.ID.startsWith("sha256:") ? row.ID : null,
      createdBy: row.CreatedBy,
      comment: row.Comment,
      sizeBytes: Number(row.Size) || 0,
    }));
  return rows.reverse();
}

/** Layer count of every intermediate image still present; one CLI call for all of them. */
async function layerCounts(ids: readonly string[], docker: Docker): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (ids.length === 0) return counts;
  // Ids that vanished meanwhile make inspect exit 1 but still print the rest.
  const result = await docker.withFailures(buildFailure).query(["image", "inspect", "--format", "{{.Id}} {{len .RootFS.Layers}}", ...ids], {
    what: `docker image inspect of ${ids.length} history image(s)`,
    timeoutMs: INSPECT_TIMEOUT_MS,
  });
  for (const line of result.stdout.split("\n")) {
    const [id, count] = line.trim().split(" ");
    if (id && count && /^\d+$/.test(count)) counts.set(id, Number(count));
  }
  return counts;
}

function parseJson<T>(schema: z.ZodType<T>, text: string, what: string): T {
  try {
    return schema.parse(JSON.parse(text));
  } catch (error) {
    throw new BuildEvidenceError(BUILD_ERROR_CODES.unexpectedOutput, `${what} printed something unexpected: ${text.slice(0, 300)}`, { cause: error });
  }
}
