import type { EngineConnection } from "../harness/outer-engine/engine-connection.js";
import { API_MOUNT, API_SOCKET, apiSocketOf, createApiFolder, removeApiFolder } from "../harness/sandbox/api-folder.js";
import { DindSandbox } from "../harness/sandbox/dind-sandbox.js";
import { detectPrivilegeProfile, type PrivilegeProfile } from "../harness/sandbox/privilege-profile.js";
import { sessionLabels } from "../harness/support/session.js";

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const fmt = (ms: number) => `${Math.round(ms)} ms`;

/** The same rights a sandbox gets: --privileged, or the capability profile where the engine refuses it. */
const privilegeFlags = (profile: PrivilegeProfile): string[] =>
  profile.kind === "privileged"
    ? ["--privileged"]
    : [
        ...profile.capAdd.flatMap((cap) => ["--cap-add", cap]),
        ...profile.capDrop.flatMap((cap) => ["--cap-drop", cap]),
        ...profile.securityOpt.flatMap((option) => ["--security-opt", option]),
        ...profile.binds.flatMap((bind) => ["-v", bind]),
      ];

/**
 * A bare `docker run -d` of the dind image with the daemon flags a sandbox gets (its usual socket plus one in a folder
 * of this machine), until `_ping` answers on that socket, polled every 20 ms as a sandbox start polls it: what a
 * start costs without anything of dockproof's (labels aside).
 */
async function bareStart(engine: EngineConnection, image: string): Promise<number> {
  const labels = Object.entries(sessionLabels({ "org.dockproof.role": "bench" })).flatMap(([key, value]) => ["--label", `${key}=${value}`]);
  const flags = privilegeFlags(await detectPrivilegeProfile(image, engine.docker));
  const id = `dockproof-bench-${process.pid}-${Math.random().toString(16).slice(2, 10)}`;
  const folder = await createApiFolder();
  const inner = engine.docker.at({ DOCKER_HOST: `unix://${apiSocketOf(folder)}` });
  const started = performance.now();
  try {
    const daemon = ["dockerd", "--host=unix:///var/run/docker.sock", `--host=unix://${API_MOUNT}/${API_SOCKET}`];
    await engine.docker.run(
      ["run", "-d", "--name", id, ...flags, ...labels, "-e", "DOCKER_TLS_CERTDIR=", "-v", `${folder}:${API_MOUNT}:rw`, image, ...daemon],
      { what: `starting the bare dind ${id}`, timeoutMs: 60_000 },
    );
    const deadline = started + 60_000;
    while (!(await inner.api.ping(1_000))) {
      if (performance.now() > deadline) throw new Error(`expected the bare dind ${id} to answer _ping within 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return performance.now() - started;
  } finally {
    await engine.docker.query(["rm", "-f", "-v", id], { what: `removing the bare dind ${id}`, timeoutMs: 60_000 });
    await removeApiFolder(folder);
  }
}

/** Side by side, interleaved so the machine's load hits both alike: bare dind start vs dockproof sandbox start. */
export async function compareStarts(engine: EngineConnection, image: string, rounds: number): Promise<void> {
  const bare: number[] = [];
  const sandbox: number[] = [];
  for (let round = 0; round < rounds; round++) {
    bare.push(await bareStart(engine, image));
    const started = performance.now();
    const started2 = await new DindSandbox(image, engine).start();
    sandbox.push(performance.now() - started);
    await started2.stop();
  }
  const ratio = median(sandbox) / median(bare);
  console.log(
    `sandbox start: bare docker run -d to _ping on its socket median ${fmt(median(bare))} (${bare.map(fmt).join(", ")}); dockproof sandbox median ${fmt(median(sandbox))} (${sandbox.map(fmt).join(", ")}); ratio ${ratio.toFixed(2)}x`,
  );
}
