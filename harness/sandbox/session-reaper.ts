import { hostname } from "node:os";
import type { Docker } from "../docker/docker.js";
import { OWNER_HOST_LABEL, OWNER_PID_LABEL, SESSION_LABEL } from "../support/session.js";

export type Kind = "container" | "volume" | "network";

interface Labelled {
  kind: Kind;
  id: string;
  session: string;
  ownerPid: number;
  ownerHost: string;
}

/** How to list each kind of resource (all of them, full ids); callers add filters and a format or -q. */
export const LIST_COMMANDS: Record<Kind, readonly string[]> = {
  container: ["ps", "-a", "--no-trunc"],
  volume: ["volume", "ls"],
  network: ["network", "ls", "--no-trunc"],
};

const REMOVE: Record<Kind, string[]> = {
  // -v: a sandbox's /var/lib/docker is an anonymous volume; it goes with its container.
  container: ["rm", "-f", "-v"],
  volume: ["volume", "rm", "-f"],
  network: ["network", "rm"],
};

// Volumes are identified by .Name (their template has no .ID); containers and networks by .ID.
const formatFor = (kind: Kind) =>
  `{{.${kind === "volume" ? "Name" : "ID"}}}\t{{.Label "${SESSION_LABEL}"}}\t{{.Label "${OWNER_PID_LABEL}"}}\t{{.Label "${OWNER_HOST_LABEL}"}}`;

/** Everything on the engine that carries a dockproof session label — and nothing else, whatever its name. */
export async function listLabelled(docker: Docker): Promise<Labelled[]> {
  const all = await Promise.all(
    (Object.keys(LIST_COMMANDS) as Kind[]).map(async (kind) => {
      const result = await docker.run([...LIST_COMMANDS[kind], "--filter", `label=${SESSION_LABEL}`, "--format", formatFor(kind)], {
        what: `listing dockproof's labelled ${kind}s`,
        timeoutMs: 30_000,
      });
      return result.stdout
        .split("\n")
        .filter(Boolean)
        .map((line) => {
          const [id = "", session = "", pid = "", host = ""] = line.split("\t");
          return { kind, id, session, ownerPid: Number(pid), ownerHost: host };
        });
    }),
  );
  return all.flat();
}

/** Whether a process with this pid exists on this machine. */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else; only ESRCH means gone.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes the given resources, containers first (volumes and networks in use cannot go); host isolation uses it too. */
export async function removeResources(resources: ReadonlyArray<{ kind: Kind; id: string }>, docker: Docker): Promise<void> {
  for (const kind of ["container", "network", "volume"] as const) {
    const ids = resources.filter((resource) => resource.kind === kind).map((resource) => resource.id);
    if (ids.length > 0) await docker.query([...REMOVE[kind], ...ids], { what: `removing ${ids.length} ${kind}(s)`, timeoutMs: 120_000 });
  }
}

/** Removes one session's resources (ours, on SIGINT/SIGTERM: also those whose start was still in flight). */
export async function reapSession(session: string, docker: Docker): Promise<number> {
  const mine = (await listLabelled(docker)).filter((resource) => resource.session === session);
  await removeResources(mine, docker);
  return mine.length;
}

/**
 * Debris of dockproof runs that died without cleaning up (SIGKILL, power loss): sessions started on this host
 * whose owner process is gone. Sessions of live processes or other hosts are left alone.
 */
export async function reapOrphanedSessions(docker: Docker, log: (line: string) => void): Promise<number> {
  const here = hostname();
  const orphans = (await listLabelled(docker)).filter((resource) => resource.ownerHost === here && !isAlive(resource.ownerPid));
  if (orphans.length === 0) return 0;
  const sessions = [...new Set(orphans.map((resource) => resource.session))];
  log(`removing ${orphans.length} resource(s) left by ${sessions.length} dead dockproof session(s): ${sessions.join(", ")}`);
  await removeResources(orphans, docker);
  return orphans.length;
}
