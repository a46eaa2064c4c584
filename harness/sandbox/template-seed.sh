# dockproof's sandbox prologue: runs as `sh -c` before the engine image's own entrypoint (POSIX sh, busybox too).
# Given a template (a complete Docker data root, mounted read-only at $TEMPLATE), it gives the sandbox's own empty
# /var/lib/docker the template's images before dockerd starts: the image store's metadata is copied (~1 MB) and
# each overlay2 layer's diff/ is bind-mounted read-only from the template. overlay2 only ever reads a committed
# layer, and the mount is read-only anyway, so a write that should not happen fails instead of spoiling the
# template. Where a bind mount is refused, the layer is copied instead. Containers, volumes, networks and the
# build cache are not taken: the daemon starts with none of its own, as a fresh one does.
# It reports what it did to $API/seeding.json, then execs the engine's entrypoint with the arguments given.
set -eu

TEMPLATE=/run/dockproof-template
API=/run/dockproof-api
ROOT=/var/lib/docker

now_cs() {
	read -r up _ < /proc/uptime
	echo "${up%.*}${up#*.}"
}

report() {
	printf '%s\n' "$1" > "$API/seeding.json.partial"
	mv "$API/seeding.json.partial" "$API/seeding.json"
}

if [ -d "$TEMPLATE/overlay2" ]; then
	started=$(now_cs)
	mode=template-mount
	layers=0
	# A restarted sandbox keeps its /var/lib/docker (and what the lesson did to it) but not its mounts: only the
	# layers' read-only mounts are made again, for the template layers the daemon still has.
	restart=0
	[ ! -e "$ROOT/.dockproof-seeded" ] || restart=1
	if [ "$restart" = 0 ]; then
		mkdir -p "$ROOT/overlay2"
		cp -a "$TEMPLATE/image" "$ROOT/image"
		cp -a "$TEMPLATE/overlay2/l" "$ROOT/overlay2/l"
	fi
	for dir in "$TEMPLATE"/overlay2/*/; do
		id=${dir%/}
		id=${id##*/}
		[ "$id" = l ] && continue
		layer="$ROOT/overlay2/$id"
		if [ "$restart" = 0 ]; then
			mkdir -p "$layer/work" "$layer/diff"
			for file in link lower; do
				[ ! -e "$TEMPLATE/overlay2/$id/$file" ] || cp -a "$TEMPLATE/overlay2/$id/$file" "$layer/$file"
			done
			# overlay2 mounts a committed layer only as a lower directory: it never writes into the template.
			: > "$layer/committed"
		elif [ ! -d "$layer/diff" ]; then
			continue
		fi
		if [ "$mode" = template-mount ]; then
			mount --bind -o ro "$TEMPLATE/overlay2/$id/diff" "$layer/diff" 2> /dev/null || mode=template-copy
		fi
		if [ "$mode" = template-copy ] && ! mountpoint -q "$layer/diff" 2> /dev/null && [ "$restart" = 0 ]; then
			rm -rf "$layer/diff"
			cp -a "$TEMPLATE/overlay2/$id/diff" "$layer/diff"
		fi
		layers=$((layers + 1))
	done
	: > "$ROOT/.dockproof-seeded"
	# The layers' own mounts stay; the template itself is out of the learner's sight.
	umount "$TEMPLATE" 2> /dev/null || :
	report "{\"mode\":\"$mode\",\"layers\":$layers,\"restart\":$restart,\"ms\":$((($(now_cs) - started) * 10))}"
	echo "dockproof-seed: $mode, $layers layers" >&2
else
	report '{"mode":"none","layers":0,"restart":0,"ms":0}'
fi

exec "$@"
