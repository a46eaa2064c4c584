import path from "node:path";
import { type HostDistro, requireBootstrapTools } from "../host-distro.js";
import { canInstallDebianPackages, findCommand, installDebianPackages } from "../../support/debian-packages.js";
import { runCommand } from "../run-checked-command.js";
import type { Recipe, RecipeContext, RecipePlan } from "../types.js";
import { slimRootfs, SLIM_RULES } from "./slim-rootfs.js";

const VARIANT = "minbase";

/** Matches the official image's config: a PATH and an interactive shell as the default command. */
const IMPORT_CHANGES = ["ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", 'CMD ["bash"]'];

export interface DebianBaseOptions {
  /**
   * The suite to bootstrap, from the mirror the host's apt sources name for its own suite (a Debian mirror
   * carries every suite). Omitted: the host's own suite, which is what `debian:bookworm-slim` has always been.
   */
  suite?: string;
}

/**
 * The offline stand-in for `debian:<suite>-slim`: a debootstrap `minbase` of the host's own
 * mirror, slimmed like the official image, then `docker import`ed. There is no
 * registry to pull a base from, so this is the one image made from scratch; every other
 * substitute is a normal `docker build` FROM it.
 */
export function debianBaseRecipe(options: DebianBaseOptions = {}): Recipe {
  return {
    dependsOn: [],
    async plan(context) {
      const host = await context.host();
      return planBootstrap(context, host, options.suite ?? host.suite);
    },
  };
}

/** The inputs keep their pre-parameter shape exactly: an unchanged hash keeps every cached base (and what is built FROM it). */
function planBootstrap(context: RecipeContext, host: HostDistro, suite: string): RecipePlan {
  return {
    inputs: {
      kind: "debootstrap",
      variant: VARIANT,
      mirror: host.mirror.uri,
      suite,
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
      context.log(`debootstrap ${VARIANT} ${suite} from ${host.mirror.uri} (mirror from ${host.mirror.origin})`);
      const seenPhases = new Set<string>();
      await runCommand(debootstrap, [`--variant=${VARIANT}`, ...keyring, suite, rootfs, host.mirror.uri], {
        what: `debootstrap of ${suite} from ${host.mirror.uri}`,
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
        what: `docker import of the ${suite} root filesystem as ${target.localRef}`,
      });
    },
  };
}
