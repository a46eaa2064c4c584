import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { classifyBuildFailure } from "./build-failure.js";
import { parseBuildOutput } from "./build-output.js";

const fixture = (name: string) => readFileSync(new URL(`./test-fixtures/${name}`, import.meta.url), "utf8");
const lessonDockerfile = fixture("lesson-app.Dockerfile");

describe("classifyBuildFailure", () => {
  it("calls prisma's engine download an environment limitation, naming the host", () => {
    const build = parseBuildOutput(fixture("buildkit-lesson-app.txt"), "buildkit", { dockerfile: lessonDockerfile });
    const failure = classifyBuildFailure(build);
    expect(failure).toMatchObject({ cause: "environment", code: "BUILD_NETWORK_UNREACHABLE", unreachableHost: "binaries.prisma.sh" });
    expect(failure?.explanation).toMatch(/^`RUN npx prisma generate` \(Dockerfile line 9\) needs binaries\.prisma\.sh/);
  });

  it("calls the legacy builder's multi-file COPY rule a Dockerfile rejection and says BuildKit differs", () => {
    const build = parseBuildOutput(fixture("classic-lesson-app.txt"), "classic", { dockerfile: lessonDockerfile });
    const failure = classifyBuildFailure(build);
    expect(failure).toMatchObject({ cause: "dockerfile", code: "BUILD_DOCKERFILE_REJECTED", step: { dockerfileLine: 5 } });
    expect(failure?.explanation).toContain('BuildKit accepts "." as a directory');
  });

  it("calls a RUN that exits non-zero on its own a step failure, for both builders", () => {
    for (const builder of ["classic", "buildkit"] as const) {
      const build = parseBuildOutput(fixture(`${builder}-multistage-run-fails.txt`), builder, { dockerfile: fixture("multistage.Dockerfile") });
      expect(classifyBuildFailure(build)).toMatchObject({ cause: "step-command", code: "BUILD_STEP_FAILED", step: { dockerfileLine: 7 } });
    }
  });

  it("returns null for a successful build", () => {
    expect(classifyBuildFailure(parseBuildOutput(fixture("buildkit-opt-cold.txt"), "buildkit"))).toBeNull();
  });

  it("recognises apt's and curl's resolver errors", () => {
    const apt = parseBuildOutput(
      "Step 1/1 : RUN apt-get update\n ---> Running in 1\nW: Temporary failure resolving 'deb.example.org'\nThe command '/bin/sh -c apt-get update' returned a non-zero code: 100\n",
      "classic",
    );
    expect(classifyBuildFailure(apt)?.unreachableHost).toBe("deb.example.org");
    const curl = parseBuildOutput(
      "#5 [2/2] RUN curl -fsS https://get.example.com\n#5 0.3 curl: (6) Could not resolve host: get.example.com\n#5 ERROR: executor failed running [/bin/sh -c curl]: exit code: 6\n",
      "buildkit",
    );
    expect(classifyBuildFailure(curl)).toMatchObject({ cause: "environment", unreachableHost: "get.example.com" });
  });

  it("calls BuildKit's failed lookup of a FROM image's registry an environment limitation, not a rejected Dockerfile", () => {
    const unreachable = (error: string) =>
      parseBuildOutput(
        `#1 [internal] load build definition from Dockerfile\n#1 DONE 0.0s\n#2 [internal] load metadata for docker.io/library/node:20\n#2 ERROR: ${error}\n------\nERROR: failed to solve: ${error}\n`,
        "buildkit",
      );
    const lookup =
      'failed to do request: Head "https://registry-1.docker.io/v2/library/node/manifests/20": dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: no such host';
    expect(classifyBuildFailure(unreachable(lookup))).toMatchObject({ cause: "environment", unreachableHost: "registry-1.docker.io" });
    // The twin: an image the registry answered does not exist (a name the lesson got wrong) stays the lesson's.
    const missing = "failed to create LLB definition: pull access denied, repository does not exist or may require authorization";
    expect(classifyBuildFailure(unreachable(missing))).toMatchObject({ cause: "dockerfile", unreachableHost: null });
  });
});
