import path from "node:path";
import { requireBootstrapTools } from "../host-distro.js";
import { canInstallDebianPackages, findCommand, installDebianPackages } from "../../support/debian-packages.js";
import { runCommand } from "../run-checked-command.js";
import type { Recipe } from "../types.js";
import { slimRootfs, SLIM_RULES } from "./slim-rootfs.js";

const VARIANT = "minbase";

/** Matches the official image's config: a PATH and an interactive shell as the default command. */
const IMPORT_CHANGES = ["ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", 'CMD ["bash"]'];

/**
 * The offline stand-in for `debian:<suite>-slim`: a debootstrap `minbase` of the host's own
 * mirror and suite, slimmed like the official image, then `docker import`ed. There is no
 * registry to pull a base from, so this is the one image made from scratch; every other
 * substitute is a normal `docker build` FROM it.
 */
export const debianBaseRecipe: Recipe = {
  dependsOn: [],
  async plan(context) {
    const host = await context.host();
    return {
      inputs: {
        kind: "debootstrap",
        variant: VARIANT,
        mirror: host.mirror.uri,
        suite: host.suite,
        slimRules: SLIM_RULES,
        importChanges: IMPORT_CHANGES,
      },
      async build(target) {
        // A bare Debian CI machine lacks debootstrap; install it the way the engine itself gets installed.
        if ((await findCommand("debootstrap")) === null && canInstallDebianPackages().ok) {
          await installDebianPackages(["debootstrap"], "building the offline Debian base image", context.log);
        }
        const debootstrap = await requireBootstrapTools();
        const rootfs = path.join(target.contextDir, "rootfs");
        const tarPath = path.join(target.contextDir, "rootfs.tar");
        const keyring = host.mirror.signedBy ? [`--keyring=${host.mirror.signedBy}`] : [];
        context.log(`debootstrap ${VARIANT} ${host.suite} from ${host.mirror.uri} (mirror from ${host.mirror.origin})`);
        const seenPhases = new Set<string>();
        await runCommand(debootstrap, [`--variant=${VARIANT}`, ...keyring, host.suite, rootfs, host.mirror.uri], {
          what: `debootstrap of ${host.suite} from ${host.mirror.uri}`,
          timeoutMs: 20 * 60_000,
          // debootstrap prints several lines per package (~400 in all); report each phase (first word) once.
          onLine: (line) => {
            const phase = /^I: (\w+)/.exec(line)?.[1];
            if (phase && !seenPhases.has(phase)) {
              seenPhases.add(phase);
              context.log(`debootstrap: ${line.slice(3)}`);
            }
          },
        });
        await slimRootfs(rootfs);
        await runCommand("tar", ["--numeric-owner", "-C", rootfs, "-cf", tarPath, "."], {
          what: `packing ${rootfs} for docker import`,
          timeoutMs: 10 * 60_000,
        });
        const labelChange = `LABEL ${Object.entries(target.labels)
          .map(([key, value]) => `${JSON.stringify(key)}=${JSON.stringify(value)}`)
          .join(" ")}`;
        await context.docker.importTar({
          tarPath,
          tag: target.localRef,
          changes: [...IMPORT_CHANGES, labelChange],
          what: `docker import of the ${host.suite} root filesystem as ${target.localRef}`,
        });
      },
    };
  },
};
