/**
 * Debian's nginx and redis-server start their service from the package's postinst. In a build there is no init to
 * stop it again, so the daemon would run (and write pid files, logs, a dump) inside the layer: a policy-rc.d that
 * answers "not allowed" (101) for the install, removed afterwards so the image carries no trace of it.
 */
export const BLOCK_SERVICE_STARTS = "printf '#!/bin/sh\\nexit 101\\n' > /usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d";
export const ALLOW_SERVICE_STARTS = "rm -f /usr/sbin/policy-rc.d";
