import type { Docker } from "../docker/docker.js";
import { sessionLabels } from "../support/session.js";

/** How a DinD container gets the rights dockerd needs: `--privileged`, or the explicit equivalent where that is refused. */
export type PrivilegeProfile =
  | { kind: "privileged" }
  | { kind: "capabilities"; capAdd: string[]; capDrop: string[]; securityOpt: string[]; binds: string[]; privilegedError: string };

export const CAPABILITY_PROFILE = {
  capAdd: ["ALL"],
  // Some kernels refuse the full set in a nested user (e.g. "unable to apply caps"); SYS_RESOURCE is the one that trips it.
  capDrop: ["SYS_RESOURCE"],
  securityOpt: ["seccomp=unconfined", "apparmor=unconfined", "systempaths=unconfined"],
  binds: ["/sys/fs/cgroup:/sys/fs/cgroup:rw"],
} as const;

const detected = new Map<string, Promise<PrivilegeProfile>>();

/** Tries `--privileged` once per engine and image; falls back to the capability profile when the engine refuses it. */
export function detectPrivilegeProfile(image: string, docker: Docker): Promise<PrivilegeProfile> {
  const key = `${docker.env.DOCKER_HOST}|${image}`;
  let profile = detected.get(key);
  if (!profile) {
    profile = (async (): Promise<PrivilegeProfile> => {
      const trial = await docker.query(["run", "--rm", "--privileged", "--network", "none", ...labelFlags(), "--entrypoint", "true", image], {
        what: `a --privileged trial container of ${image}`,
        timeoutMs: 30_000,
      });
      if (trial.exitCode === 0) return { kind: "privileged" };
      return {
        kind: "capabilities",
        capAdd: [...CAPABILITY_PROFILE.capAdd],
        capDrop: [...CAPABILITY_PROFILE.capDrop],
        securityOpt: [...CAPABILITY_PROFILE.securityOpt],
        binds: [...CAPABILITY_PROFILE.binds],
        privilegedError: firstErrorLine(trial.stderr || (trial.timedOut ? "the trial timed out" : "")),
      };
    })();
    detected.set(key, profile);
  }
  return profile;
}

function labelFlags(): string[] {
  return Object.entries(sessionLabels({ "org.dockproof.role": "privilege-probe" })).flatMap(([key, value]) => ["--label", `${key}=${value}`]);
}

/** The docker CLI ends its errors with a "Run 'docker run --help'" hint; the reason is the line before. */
function firstErrorLine(stderr: string): string {
  const lines = stderr
    .trim()
    .split("\n")
    .filter((line) => line && !line.startsWith("Run 'docker"));
  return lines.find((line) => /error/i.test(line)) ?? lines[0] ?? "";
}
