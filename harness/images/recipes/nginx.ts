import type { Recipe } from "../types.js";
import { aptInstall, dockerfile, fromLine } from "./dockerfile-snippets.js";
import { rootfsServiceRecipe } from "./rootfs-service-recipe.js";
import { ALLOW_SERVICE_STARTS, BLOCK_SERVICE_STARTS } from "./service-start-guard.js";

/** Config, default page and entrypoint scripts, as they land in the image. */
export const NGINX_ROOTFS_DIR = "fixtures/nginx/rootfs";
/**
 * Debian builds stream and mail as loadable modules, the real image has them built in; gettext-base gives envsubst
 * for /etc/nginx/templates; curl is in the real image and lessons call it.
 */
export const NGINX_PACKAGES = ["nginx", "libnginx-mod-stream", "libnginx-mod-mail", "gettext-base", "curl"] as const;
/** The real image's worker user and group; fixed ids, so files chowned in one container match in another. */
export const NGINX_UID = 101;

export function nginxDockerfile(baseLocalRef: string): string {
  return dockerfile(
    fromLine(baseLocalRef),
    // The user first, so the package finds it; nothing from Debian runs at install.
    "RUN set -eux; \\",
    `    groupadd --system --gid ${NGINX_UID} nginx; \\`,
    `    useradd --system --gid nginx --uid ${NGINX_UID} --no-create-home --home-dir /nonexistent --shell /bin/false nginx; \\`,
    `    ${BLOCK_SERVICE_STARTS}`,
    aptInstall(NGINX_PACKAGES),
    // The real image's layout: no Debian site (conf.d/default.conf serves instead), logs are the container's
    // stdout/stderr, workers (user nginx) own the temp folders. Debian's nginx is built --with-debug, which is all
    // the real image's nginx-debug adds.
    "RUN set -eux; \\",
    `    ${ALLOW_SERVICE_STARTS}; \\`,
    "    rm -f /etc/nginx/sites-enabled/default; \\",
    "    rm -rf /var/www/html /usr/share/nginx/html/*; \\",
    "    ln -sf /dev/stdout /var/log/nginx/access.log; \\",
    "    ln -sf /dev/stderr /var/log/nginx/error.log; \\",
    "    mkdir -p /var/cache/nginx /docker-entrypoint.d; \\",
    "    chown -R nginx:nginx /var/lib/nginx /var/cache/nginx; \\",
    "    ln -s nginx /usr/sbin/nginx-debug",
    "COPY rootfs/ /",
    // Fail the build, not a lesson, if the config does not load.
    "RUN nginx -t",
    'ENTRYPOINT ["/docker-entrypoint.sh"]',
    "EXPOSE 80",
    // nginx finishes the requests it is serving, then exits; SIGTERM would drop them.
    "STOPSIGNAL SIGQUIT",
    'CMD ["nginx", "-g", "daemon off;"]',
  );
}

/**
 * `nginx`: Debian's nginx arranged as the real image is (README "Substitute images"): the default page on port 80
 * from /usr/share/nginx/html, sites in conf.d, access/error logs in `docker logs`, /docker-entrypoint.d and
 * /etc/nginx/templates honoured.
 */
export function nginxRecipe(options: { baseRef: string }): Recipe {
  return rootfsServiceRecipe({
    baseRef: options.baseRef,
    rootfsDir: NGINX_ROOTFS_DIR,
    packages: NGINX_PACKAGES,
    dockerfile: nginxDockerfile,
    what: "nginx stand-in, Debian's nginx",
  });
}
