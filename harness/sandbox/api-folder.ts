import { chmod, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isAlive } from "./session-reaper.js";

/** Where a sandbox's daemon puts its API socket, inside the sandbox. */
export const API_MOUNT = "/run/dockproof-api";
export const API_SOCKET = "docker.sock";

const PREFIX = "dockproof-api-";

/**
 * A folder of this machine, bound into one sandbox at API_MOUNT, where its daemon listens: the harness's way to
 * the sandbox's Docker API. Only its owner may open it (0700), and no port is published for it. Named with our
 * pid, so the folders of a run killed with SIGKILL are found and removed by the next one.
 */
export async function createApiFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), `${PREFIX}${process.pid}-`));
  await chmod(folder, 0o700);
  return folder;
}

export const apiSocketOf = (folder: string): string => join(folder, API_SOCKET);

export async function removeApiFolder(folder: string): Promise<void> {
  await rm(folder, { recursive: true, force: true });
}

/** Removes the API folders of dockproof processes that are gone; returns how many. */
export async function sweepApiFolders(parent = tmpdir()): Promise<number> {
  const names = await readdir(parent).catch(() => [] as string[]);
  const dead = names.filter((name) => {
    const match = new RegExp(`^${PREFIX}(\\d+)-`).exec(name);
    return match !== null && !isAlive(Number(match[1]));
  });
  await Promise.all(dead.map((name) => removeApiFolder(join(parent, name))));
  return dead.length;
}
