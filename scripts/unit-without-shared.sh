#!/usr/bin/env bash
# The unit project as the GitHub workflow runs it: the lessons found through DOCKPROOF_LESSONS alone, with no
# ../shared beside the checkout. Guards against tests that find the lessons some other way than the CLI does.
set -euo pipefail
cd "$(dirname "$0")/.."
lessons=${DOCKPROOF_LESSONS:-../shared/lessons}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git clone -q . "$tmp/checkout"
cp -r "$lessons" "$tmp/lessons"
ln -s "$PWD/node_modules" "$tmp/checkout/node_modules"
cd "$tmp/checkout"
[ ! -e ../shared ] || { echo "unit-without-shared: $tmp/shared exists; expected no ../shared beside the checkout" >&2; exit 1; }
DOCKPROOF_LESSONS="$tmp/lessons" npx vitest run --project unit
