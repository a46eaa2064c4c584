import type { Recipe } from "../types.js";
import { aptInstall, dockerfile, fromLine } from "./dockerfile-snippets.js";
import { rootfsServiceRecipe } from "./rootfs-service-recipe.js";
import { ALLOW_SERVICE_STARTS, BLOCK_SERVICE_STARTS } from "./service-start-guard.js";

/** The configuration and entrypoint, as they land in the image. */
export const REGISTRY_ROOTFS_DIR = "fixtures/registry/rootfs";
/** Debian's build of distribution 2.8 (the registry the `registry:2` image runs); its binary is `docker-registry`. */
export const REGISTRY_PACKAGES = ["docker-registry"] as const;

export function registryDockerfile(baseLocalRef: string): string {
  return dockerfile(
    fromLine(baseLocalRef),
    // The package's postinst would start its own service on port 5000 (and make a user the image does not use).
    `RUN ${BLOCK_SERVICE_STARTS}`,
    aptInstall(REGISTRY_PACKAGES),
    "RUN set -eux; \\",
    `    ${ALLOW_SERVICE_STARTS}; \\`,
    // The real image's binary is /bin/registry; it runs as root and keeps its data in /var/lib/registry.
    "    ln -s /usr/bin/docker-registry /bin/registry; \\",
    "    mkdir -p /var/lib/registry; \\",
    "    registry --version",
    "COPY rootfs/ /",
    "VOLUME /var/lib/registry",
    "EXPOSE 5000",
    'ENTRYPOINT ["/entrypoint.sh"]',
    'CMD ["/etc/docker/registry/config.yml"]',
  );
}

/**
 * `registry:2`: Debian's docker-registry run as the real image runs it (README "Substitute images"): the registry
 * API on port 5000 of every interface, no authentication, images kept in the /var/lib/registry volume, so
 * `docker push localhost:5000/x` from the sandbox's daemon (which trusts a registry on localhost without TLS) and a
 * pull back work as on a learner's machine.
 */
export function registryRecipe(options: { baseRef: string }): Recipe {
  return rootfsServiceRecipe({
    baseRef: options.baseRef,
    rootfsDir: REGISTRY_ROOTFS_DIR,
    packages: REGISTRY_PACKAGES,
    dockerfile: registryDockerfile,
    what: "registry:2 stand-in, Debian's docker-registry",
  });
}
