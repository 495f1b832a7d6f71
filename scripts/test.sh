#!/usr/bin/env bash
# Runs every test of seccanvas on a fresh Debian machine: installs what the
# tests need when it is missing (Xvfb, the X test clients and Chromium, as
# root with apt-get; Chart.js from npm for the /chart test), then the
# race-enabled test suite and a short fuzz run of the protocol decoder.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v Xvfb >/dev/null 2>&1 || need+=(xvfb)
command -v x11perf >/dev/null 2>&1 || need+=(x11-apps)
command -v xdpyinfo >/dev/null 2>&1 || need+=(x11-utils)
# The playground's browser test drives Debian's Chromium (serve/browser_test.go).
[ -x /usr/bin/chromium ] || need+=(chromium)
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

# seccanvas serve --lib takes npm packages; the /chart test uses a real
# Chart.js when one is installed here (it is skipped, saying why, if not).
chartjs=.cache/npm-chartjs
if [ ! -f "$chartjs/node_modules/chart.js/package.json" ] && command -v npm >/dev/null 2>&1; then
	npm install --silent --no-audit --no-fund --prefix "$chartjs" chart.js@4.6.1 >/dev/null 2>&1 ||
		echo "scripts/test.sh: could not install chart.js with npm; the real-Chart.js test will be skipped" >&2
fi
[ -f "$chartjs/node_modules/chart.js/package.json" ] && export SECCANVAS_CHARTJS="$PWD/$chartjs"

export CGO_ENABLED=1 # the race detector needs cgo; the shipped binary is built with CGO_ENABLED=0
go vet ./...
go test -race -timeout 30m ./...
go test -run '^$' -fuzz FuzzDecodeChild -fuzztime 15s ./jail/wire
