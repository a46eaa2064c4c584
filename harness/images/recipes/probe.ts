import type { Recipe } from "../types.js";
import { aptInstall, dockerfile, fromLine } from "./dockerfile-snippets.js";
import { buildDockerfile } from "./build-dockerfile.js";
import { requireDependency } from "./recipe-dependency.js";

/** busybox gives httpd/nc/wget in one small binary; iproute2 gives `ip`; getent is already in libc-bin. */
export const PROBE_PACKAGES = ["busybox", "iproute2"] as const;
export const PROBE_APPLETS = ["httpd", "nc", "wget"] as const;

export function probeDockerfile(baseLocalRef: string): string {
  return dockerfile(
    fromLine(baseLocalRef),
    aptInstall(PROBE_PACKAGES),
    // Debian's busybox installs no applet links. Link only the applets scenarios call by name, in
    // /usr/local/bin, and fail the build if this busybox lacks one (a silent gap would surface much
    // later as a confusing network-check failure).
    "RUN set -eu; \\",
    `    for applet in ${PROBE_APPLETS.join(" ")}; do \\`,
    '      busybox --list | grep -qx "$applet" || { echo "busybox lacks $applet" >&2; exit 1; }; \\',
    '      ln -s /bin/busybox "/usr/local/bin/$applet"; \\',
    "    done",
    'CMD ["sh"]',
  );
}

/**
 * `dockproof/probe`: the harness's own network-check image. It is built in every mode (it exists
 * in no registry), FROM whatever the base resolved to: the real slim image online, the substitute
 * offline.
 */
export function probeRecipe(baseRef: string): Recipe {
  return {
    dependsOn: [baseRef],
    async plan(context) {
      const base = requireDependency(context, baseRef);
      const text = probeDockerfile(base.localRef);
      return {
        inputs: { kind: "dockerfile", dockerfile: text, packages: [...PROBE_PACKAGES], applets: [...PROBE_APPLETS] },
        async build(target) {
          await buildDockerfile(context, target, text, "network probe");
        },
      };
    },
  };
}
