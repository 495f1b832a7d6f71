#!/bin/sh
# refresh.sh copies the shared conformance suite (cases, Chromium references,
# manifest and README) into testdata/conformance so that the tests run on a
# machine without ../shared. Run it from anywhere:
#
#	go generate ./conformance
#
# or sh conformance/refresh.sh [SRC]. SRC defaults to /work/shared/conformance.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=${1:-${CONFORMANCE_SRC:-/work/shared/conformance}}
dst="$here/../testdata/conformance"
if [ ! -f "$src/README.md" ] || [ ! -d "$src/cases" ] || [ ! -d "$src/ref" ]; then
	echo "refresh.sh: $src does not look like the conformance suite" >&2
	exit 1
fi
rm -rf "$dst.tmp"
mkdir -p "$dst.tmp"
cp -R "$src/README.md" "$src/cases" "$src/ref" "$dst.tmp/"
rm -rf "$dst"
mv "$dst.tmp" "$dst"
echo "refreshed $dst from $src"
