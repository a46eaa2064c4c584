import { SandboxError } from "../support/errors.js";
import { describeFailure, runProcess } from "../support/run-process.js";
import type { SeedImage } from "./sandbox.js";

/** Loads each archive into the sandbox's daemon and tags it with the name the lesson uses. */
export async function seedImages(cliEnv: Readonly<Record<string, string>>, images: readonly SeedImage[], timeoutMs = 120_000): Promise<number> {
  const started = performance.now();
  const docker = async (args: string[], what: string, deadlineMs: number) => {
    const failure = describeFailure(await runProcess(["docker", ...args], { env: cliEnv, timeoutMs: deadlineMs }), what, deadlineMs);
    if (failure) throw new SandboxError("E_SEED", failure.message);
  };
  await Promise.all(
    images.map(async (image) => {
      await docker(["load", "--quiet", "--input", image.archive], `loading ${image.ref} (from ${image.archive}) into the sandbox`, timeoutMs);
      // Tag by id: an archive cached for this id may carry another tag than the one prepared this time.
      await docker(["tag", image.id, image.ref], `tagging ${image.ref} in the sandbox`, 30_000);
    }),
  );
  return performance.now() - started;
}
