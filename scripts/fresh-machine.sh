#!/usr/bin/env bash
# Makes this machine as fresh as CI's, then times the README's set-up on a fresh clone, phase by phase.
#   bash scripts/fresh-machine.sh --remove-docker-and-its-data [verify|ci]
# It REMOVES the Docker engine and everything it holds (every image, container and volume, not only dockproof's),
# debootstrap and apt's downloaded packages, then clones this checkout and runs `npm run verify` (default; the
# README's first command) or `bash .ci/run` (npm test after lint and the unit tests) in the clone, which installs
# and prepares everything again. A green CI on a machine that already has the engine, debootstrap and the images
# hides a broken first run (the dpkg lock race, a dockerd that kept a test run's TMPDIR): this is the first run.
set -euo pipefail
if [[ "${1:-}" != "--remove-docker-and-its-data" ]]; then
  echo "usage: bash scripts/fresh-machine.sh --remove-docker-and-its-data [verify|ci]" >&2
  echo "(it removes the Docker engine, all its images, containers and volumes, and debootstrap)" >&2
  exit 2
fi
what="${2:-verify}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
shared="$(cd "$repo/../shared" && pwd)"
stamp() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(stamp)" 'BEGIN { printf "%.1f s", b - a }'; }

echo "== wiping: dockerd, docker.io, containerd, runc, debootstrap, their data, apt's archives"
pkill -x dockerd 2>/dev/null || true
pkill -x containerd 2>/dev/null || true
for _ in $(seq 1 30); do pgrep -x dockerd >/dev/null || break; sleep 1; done
# Mounts a killed dockerd may leave (overlay layers, netns) would keep its data root from being removed.
grep -E ' /(var/lib/docker|run/docker)' /proc/mounts | awk '{ print $2 }' | sort -r | xargs -r umount -l 2>/dev/null || true
DEBIAN_FRONTEND=noninteractive apt-get purge -y -q docker.io containerd runc tini debootstrap docker-registry >/dev/null
rm -rf /var/lib/docker /var/lib/containerd /run/docker /run/containerd /var/run/docker.sock /etc/docker
apt-get clean
command -v dockerd debootstrap && { echo "expected dockerd and debootstrap gone" >&2; exit 1; } || true

folder="$(mktemp -d /tmp/fresh-machine-XXXX)"
git clone -q "$repo" "$folder/main"
cp -r "$shared" "$folder/shared"
cd "$folder/main"
echo "== fresh clone at $(git rev-parse --short HEAD) in $folder/main; running: $what"
started="$(stamp)"
# Each line with the seconds since the start: the phases (npm ci, apt-get, dockerd, each image, the scenarios) show.
elapsed() { while IFS= read -r line; do printf '%7s  %s\n' "$(since "$started")" "$line"; done; }
if [[ "$what" == "ci" ]]; then bash .ci/run 2>&1 | elapsed; else npm run verify 2>&1 | elapsed; fi
echo "== $what on a fresh machine: exit 0 in $(since "$started") (clone $folder/main)"
