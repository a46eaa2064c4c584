import { ImageError, InvalidInputError } from "../support/errors.js";
import { ImageDocker } from "./image-docker.js";
import { PrepareSession } from "./prepare-session.js";
import { IMAGE_MODES, type PreparedImage, type PrepareOptions } from "./types.js";

/** Library code must not be silent about a minutes-long build; stderr keeps stdout for reports. */
const defaultLog = (line: string) => process.stderr.write(`${line}\n`);

/**
 * Makes every requested image available on the engine `options.docker` opens, in order of `refs`.
 * Dependencies (the base) are prepared first and once; independent images then build
 * concurrently. All work is allowed to finish before an error is thrown, so no build keeps
 * running in the background after we returned.
 */
export async function prepareImages(refs: string[], options: PrepareOptions): Promise<PreparedImage[]> {
  if (!IMAGE_MODES.includes(options.mode)) {
    throw new InvalidInputError(
      "IMAGE_MODE_INVALID",
      `Expected images mode ${IMAGE_MODES.map((m) => `"${m}"`).join(", ")}, received ${JSON.stringify(options.mode)}`,
    );
  }
  const log = (line: string) => (options.log ?? defaultLog)(`[images] ${line}`);
  const session = new PrepareSession({ mode: options.mode, docker: new ImageDocker(options.docker, log), repoRoot: options.repoRoot, log });
  const started = performance.now();
  const unique = [...new Set(refs)];
  const settled = await Promise.allSettled(unique.map((ref) => session.ensure(ref)));

  const failures = settled.flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason as unknown] : []));
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) {
    const [first] = failures;
    throw new ImageError(
      first instanceof ImageError ? first.code : "IMAGE_PREPARE_FAILED",
      `${failures.length} of ${unique.length} images could not be prepared; first: ${first instanceof Error ? first.message : String(first)}`,
      { cause: new AggregateError(failures) },
    );
  }
  const byRef = new Map(settled.map((outcome, index) => [unique[index], (outcome as PromiseFulfilledResult<PreparedImage>).value]));
  const result = refs.map((ref) => byRef.get(ref) as PreparedImage);
  log(`prepared ${unique.length} image(s) in ${((performance.now() - started) / 1000).toFixed(2)} s (mode ${options.mode}): ${summary(result)}`);
  return result;
}

function summary(images: readonly PreparedImage[]): string {
  return images
    .map((image) => {
      const kind = image.substitute ? "substitute" : image.localRef === image.ref ? "real" : "built";
      return `${image.ref} ${kind} ${image.cached ? "cached" : "new"} ${image.prepareMs} ms`;
    })
    .join("; ");
}
