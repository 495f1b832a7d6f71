#!/usr/bin/env bash
# Runs every test of seccanvas on a fresh Debian machine: installs what the
# tests need when it is missing (Xvfb and the X test clients, as root with
# apt-get), then the race-enabled test suite and a short fuzz run of the
# protocol decoder.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v Xvfb >/dev/null 2>&1 || need+=(xvfb)
command -v x11perf >/dev/null 2>&1 || need+=(x11-apps)
command -v xdpyinfo >/dev/null 2>&1 || need+=(x11-utils)
if [ ${#need[@]} -gt 0 ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "scripts/test.sh: missing ${need[*]}; run as root or install them with apt-get" >&2
		exit 1
	fi
	echo "scripts/test.sh: installing ${need[*]}" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq "${need[@]}" >/dev/null
fi

export CGO_ENABLED=1 # the race detector needs cgo; the shipped binary is built with CGO_ENABLED=0
go vet ./...
go test -race -timeout 30m ./...
go test -run '^$' -fuzz FuzzDecodeChild -fuzztime 15s ./jail/wire
