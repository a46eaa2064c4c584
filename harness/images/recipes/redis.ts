import type { Recipe } from "../types.js";
import { aptInstall, dockerfile, fromLine } from "./dockerfile-snippets.js";
import { rootfsServiceRecipe } from "./rootfs-service-recipe.js";
import { ALLOW_SERVICE_STARTS, BLOCK_SERVICE_STARTS } from "./service-start-guard.js";

/** The entrypoint, as it lands in the image. */
export const REDIS_ROOTFS_DIR = "fixtures/redis/rootfs";
/** redis-server depends on redis-tools, which brings redis-cli, redis-benchmark and the check tools. */
export const REDIS_PACKAGES = ["redis-server"] as const;
/** The real image's user; fixed ids, so a volume's files keep their owner from one container to the next. */
export const REDIS_UID = 999;
/** Debian installs into /usr/bin; the real image's are in /usr/local/bin, which absolute paths in lessons name. */
export const REDIS_BINARIES = ["redis-server", "redis-cli", "redis-benchmark", "redis-check-aof", "redis-check-rdb", "redis-sentinel"] as const;

export function redisDockerfile(baseLocalRef: string): string {
  return dockerfile(
    fromLine(baseLocalRef),
    // The user first, so redis-tools' postinst adopts it instead of picking an id of its own.
    "RUN set -eux; \\",
    `    groupadd --system --gid ${REDIS_UID} redis; \\`,
    `    useradd --system --gid redis --uid ${REDIS_UID} --no-create-home --home-dir /var/lib/redis --shell /usr/sbin/nologin redis; \\`,
    `    ${BLOCK_SERVICE_STARTS}`,
    aptInstall(REDIS_PACKAGES),
    "RUN set -eux; \\",
    `    ${ALLOW_SERVICE_STARTS}; \\`,
    `    for binary in ${REDIS_BINARIES.join(" ")}; do ln -s "/usr/bin/$binary" "/usr/local/bin/$binary"; done; \\`,
    "    mkdir /data; \\",
    "    chown redis:redis /data; \\",
    "    redis-server --version",
    // No config file, as upstream: redis-server's built-in defaults (RDB snapshots, no AOF, dir = the cwd /data).
    "VOLUME /data",
    "WORKDIR /data",
    "COPY rootfs/ /",
    'ENTRYPOINT ["docker-entrypoint.sh"]',
    "EXPOSE 6379",
    'CMD ["redis-server"]',
  );
}

/**
 * `redis`: Debian's redis-server run as the real image runs it (README "Substitute images"): no config file, port
 * 6379 on every interface with protected mode off, data in the /data volume, flags as the command.
 */
export function redisRecipe(options: { baseRef: string }): Recipe {
  return rootfsServiceRecipe({
    baseRef: options.baseRef,
    rootfsDir: REDIS_ROOTFS_DIR,
    packages: REDIS_PACKAGES,
    dockerfile: redisDockerfile,
    what: "redis stand-in, Debian's redis-server",
  });
}
