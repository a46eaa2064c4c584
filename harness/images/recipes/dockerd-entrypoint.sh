#!/bin/sh
# dockproof's stand-in for the official docker:dind entrypoint. It accepts the same arguments:
#   (none) or only flags  -> dockerd with the image's default listeners (+ the flags)
#   dockerd ...           -> exactly that dockerd command line
#   anything else         -> exec'd unchanged (e.g. `sh` for debugging)
# Before starting dockerd it prepares what a NESTED daemon needs and the outer runtime does not
# provide: securityfs, a private /tmp, cgroup v2 delegation, and an iptables variant that works.
set -eu

log() { echo "dockerd-entrypoint: $*" >&2; }

if [ "$#" -eq 0 ] || [ "${1#-}" != "$1" ]; then
	# --tls=false is explicit because dockerd otherwise waits 15 s to warn about plain TCP.
	set -- dockerd --host=unix:///var/run/docker.sock --host=tcp://0.0.0.0:2375 --tls=false "$@"
fi

if [ "$1" != dockerd ]; then
	exec "$@"
fi

# dockerd checks this to know it runs inside a container (AppArmor and friends behave differently).
export container=docker

prepare_securityfs() {
	# AppArmor detection reads /sys/kernel/security; the outer runtime does not mount it for us.
	if [ -d /sys/kernel/security ] && ! mountpoint -q /sys/kernel/security; then
		mount -t securityfs none /sys/kernel/security || log "could not mount securityfs; AppArmor detection may misbehave"
	fi
}

prepare_tmp() {
	# Keep dockerd's temporary files off the overlay root filesystem, as the official image does.
	if ! mountpoint -q /tmp; then
		mount -t tmpfs none /tmp || log "could not mount a tmpfs on /tmp; using the image's /tmp"
	fi
}

prepare_cgroups() {
	if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
		# cgroup v2: a cgroup with processes cannot delegate controllers ("no internal processes"),
		# so move everything (us) into a leaf first, then enable every controller for children.
		mkdir -p /sys/fs/cgroup/init
		xargs -rn1 < /sys/fs/cgroup/cgroup.procs > /sys/fs/cgroup/init/cgroup.procs 2>/dev/null || :
		sed -e 's/ / +/g' -e 's/^/+/' < /sys/fs/cgroup/cgroup.controllers > /sys/fs/cgroup/cgroup.subtree_control ||
			log "could not delegate cgroup v2 controllers; containers may lack resource limits"
		log "cgroup v2: controllers delegated ($(cat /sys/fs/cgroup/cgroup.subtree_control))"
	elif [ -w /sys/fs/cgroup/memory ] || [ -w /sys/fs/cgroup/cpu ]; then
		log "cgroup v1: hierarchy is writable"
	else
		log "cgroup v1: hierarchy is read-only; start this container with -v /sys/fs/cgroup:/sys/fs/cgroup:rw"
	fi
}

legacy_rules_present() {
	# Any table already created through the legacy (x_tables) API means the kernel side is legacy.
	for f in /proc/net/ip_tables_names /proc/net/ip6_tables_names /proc/net/arp_tables_names; do
		if [ -s "$f" ] && [ -n "$(cat "$f" 2>/dev/null)" ]; then return 0; fi
	done
	return 1
}

select_iptables() {
	if [ -n "${DOCKER_IPTABLES_LEGACY+x}" ]; then
		if [ -n "$DOCKER_IPTABLES_LEGACY" ]; then variant=legacy; else variant=nft; fi
		reason="DOCKER_IPTABLES_LEGACY is set"
	elif legacy_rules_present; then
		variant=legacy reason="legacy tables already exist"
	elif iptables-nft -t nat -nL > /dev/null 2>&1; then
		variant=nft reason="iptables-nft can list the nat table"
	elif iptables-legacy -t nat -nL > /dev/null 2>&1; then
		variant=legacy reason="iptables-nft failed, iptables-legacy works"
	else
		log "neither iptables-nft nor iptables-legacy works; dockerd will likely fail to set up networking"
		return 0
	fi
	update-alternatives --set iptables "/usr/sbin/iptables-$variant" > /dev/null
	update-alternatives --set ip6tables "/usr/sbin/ip6tables-$variant" > /dev/null 2>&1 || :
	log "using iptables-$variant ($reason)"
}

has_containerd_flag() {
	for arg in "$@"; do
		case "$arg" in --containerd | --containerd=*) return 0 ;; esac
	done
	return 1
}

# The config dockerd writes for the containerd it manages (same root, state and sockets, CRI off).
CONTAINERD_DIR=/var/run/docker/containerd
CONTAINERD_SOCKET="$CONTAINERD_DIR/containerd.sock"

start_containerd() {
	mkdir -p "$CONTAINERD_DIR"
	cat > "$CONTAINERD_DIR/containerd.toml" <<-EOF
		version = 2
		disabled_plugins = ["io.containerd.grpc.v1.cri"]
		root = "/var/lib/docker/containerd/daemon"
		state = "$CONTAINERD_DIR/daemon"
		[grpc]
		  address = "$CONTAINERD_SOCKET"
		[debug]
		  address = "$CONTAINERD_DIR/containerd-debug.sock"
	EOF
	containerd --config "$CONTAINERD_DIR/containerd.toml" &
	# 10 s at most; dockerd then starts its own containerd as it always did.
	tries=0
	while [ ! -S "$CONTAINERD_SOCKET" ] && [ "$tries" -lt 1000 ]; do
		sleep 0.01
		tries=$((tries + 1))
	done
	[ -S "$CONTAINERD_SOCKET" ]
}

prepare_securityfs
prepare_tmp
prepare_cgroups
select_iptables
# A container restart keeps /var/run; a stale pid file would make dockerd refuse to start.
rm -f /var/run/docker.pid /var/run/docker/containerd/containerd.pid

# dockerd starts containerd itself, but its gRPC client dials before containerd listens and then waits out a
# 1 s reconnect back-off; a containerd that already listens saves that second on every start.
if command -v containerd > /dev/null 2>&1 && ! has_containerd_flag "$@"; then
	if start_containerd; then
		set -- "$@" "--containerd=$CONTAINERD_SOCKET"
	else
		log "containerd did not listen within 10 s; dockerd starts its own"
	fi
fi

# tini as PID 1 reaps the orphaned shims dockerd leaves behind and forwards signals to dockerd.
if command -v tini > /dev/null 2>&1; then
	exec tini -- "$@"
fi
exec "$@"
