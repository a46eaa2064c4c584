import { execa } from "execa";
import { SandboxError } from "../support/errors.js";
import type { SeedImage } from "./sandbox.js";

/** Loads each archive into the sandbox's daemon and tags it with the name the lesson uses. */
export async function seedImages(cliEnv: Readonly<Record<string, string>>, images: readonly SeedImage[], timeoutMs = 120_000): Promise<number> {
  const started = performance.now();
  await Promise.all(
    images.map(async (image) => {
      try {
        await execa("docker", ["load", "--quiet", "--input", image.archive], { env: cliEnv, timeout: timeoutMs });
        // Tag by id: an archive cached for this id may carry another tag than the one prepared this time.
        await execa("docker", ["tag", image.id, image.ref], { env: cliEnv, timeout: 30_000 });
      } catch (error) {
        throw new SandboxError("E_SEED", `could not load ${image.ref} (from ${image.archive}) into the sandbox`, { cause: error });
      }
    }),
  );
  return performance.now() - started;
}
