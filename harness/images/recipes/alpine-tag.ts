import type { Recipe } from "../types.js";
import { aptInstall, dockerfile, fromLine } from "./dockerfile-snippets.js";
import { buildDockerfile } from "./build-dockerfile.js";
import { requireDependency } from "./recipe-dependency.js";

/**
 * What an Alpine-tagged stand-in does not do, first (an image-size check looks for the opening "Not Alpine", an
 * `apk` command for "No apk"). The stand-in under the tag is Debian, so these hold for every one of them.
 */
export const ALPINE_LIMITATIONS = [
  "Not Alpine: Debian bookworm underneath, so the image is far larger than the real Alpine-based one and a size claim (or a comparison of sizes) cannot be checked.",
  "No apk: packages come from Debian's apt-get, so `apk add` and `apk update` fail.",
  "Built on glibc, not musl: programs link and resolve names as on Debian, not as on Alpine.",
] as const;

/**
 * `<image>:…-alpine` offline: the Debian-based stand-in for `<image>`, unchanged, under its own label (a Dockerfile
 * of one FROM, so it shares every layer). A lesson that switches to the Alpine tag then runs; what only Alpine would
 * show (its size, apk, musl) is unverified, by its limitations.
 */
export function alpineTagRecipe(options: { of: string }): Recipe {
  return {
    dependsOn: [options.of],
    async plan(context) {
      const image = requireDependency(context, options.of);
      const text = dockerfile(fromLine(image.localRef));
      return {
        inputs: { kind: "dockerfile", dockerfile: text, standsInAs: options.of },
        async build(target) {
          await buildDockerfile(context, target, text, `the ${options.of} stand-in under an Alpine tag`);
        },
      };
    },
  };
}

/** busybox's applets that Alpine's shell has and Debian's minbase lacks, linked in /usr/local/bin. */
export const ALPINE_APPLETS = ["wget", "nc", "ping", "vi", "less"] as const;

export function alpineDockerfile(baseLocalRef: string): string {
  return dockerfile(
    fromLine(baseLocalRef),
    aptInstall(["busybox"]),
    "RUN set -eu; \\",
    `    for applet in ${ALPINE_APPLETS.join(" ")}; do \\`,
    '      busybox --list | grep -qx "$applet" || { echo "busybox lacks $applet" >&2; exit 1; }; \\',
    '      ln -s /bin/busybox "/usr/local/bin/$applet"; \\',
    "    done",
    'CMD ["/bin/sh"]',
  );
}

/** `alpine` offline: the Debian base with busybox's everyday applets and `sh` as the command, as `alpine` has. */
export function alpineRecipe(options: { baseRef: string }): Recipe {
  return {
    dependsOn: [options.baseRef],
    async plan(context) {
      const base = requireDependency(context, options.baseRef);
      const text = alpineDockerfile(base.localRef);
      return {
        inputs: { kind: "dockerfile", dockerfile: text, applets: [...ALPINE_APPLETS] },
        async build(target) {
          await buildDockerfile(context, target, text, "alpine stand-in, Debian with busybox");
        },
      };
    },
  };
}
