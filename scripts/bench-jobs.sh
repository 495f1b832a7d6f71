#!/usr/bin/env bash
# Sustained render jobs per second on this machine, side by side:
#   - seccanvas through a warm pool of 2 locked children (jail.Pool, the Go
#     benchmark BenchmarkPoolJobs), two jobs at a time;
#   - seccanvas cold: one `seccanvas run` process per job, two at a time;
#   - node + @napi-rs/canvas (Skia) started per job, two at a time, the way
#     services usually isolate jobs (when node and npm are available).
# Every job draws one rectangle on a 64×64 canvas and encodes a PNG.
# Rounds are interleaved; the table gives the median of the rounds.
#
#   scripts/bench-jobs.sh [--jobs N] [--rounds N]
set -euo pipefail
jobs=60 rounds=3
while [ $# -gt 0 ]; do
	case "$1" in
	--jobs) jobs=$2; shift 2 ;;
	--rounds) rounds=$2; shift 2 ;;
	-h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "bench-jobs: unknown argument $1 (see --help)" >&2; exit 2 ;;
	esac
done
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
CGO_ENABLED=0 go build -o "$work/seccanvas" ./cmd/seccanvas
go test -c -o "$work/jail.test" ./jail
cat >"$work/rect.js" <<'JS'
const c = canvas.getContext('2d'); c.fillStyle = 'teal'; c.fillRect(8, 8, 48, 48);
JS
skia=${SKIA_DIR:-${TMPDIR:-/tmp}/seccanvas-skia}
node_ok=0
if command -v node >/dev/null 2>&1; then
	if [ ! -d "$skia/node_modules/@napi-rs/canvas" ] && command -v npm >/dev/null 2>&1; then
		mkdir -p "$skia"
		npm install --silent --no-audit --no-fund --prefix "$skia" @napi-rs/canvas >&2 || true
	fi
	[ -d "$skia/node_modules/@napi-rs/canvas" ] && node_ok=1
fi
cat >"$work/rect.cjs" <<JS
const { createCanvas } = require('$skia/node_modules/@napi-rs/canvas');
const canvas = createCanvas(64, 64), c = canvas.getContext('2d');
c.fillStyle = 'teal'; c.fillRect(8, 8, 48, 48);
require('fs').writeFileSync(process.argv[2], canvas.toBuffer('image/png'));
JS

rate() { # command template with {} for the job number → jobs/s, 2 at a time
	local start end
	start=$(date +%s.%N)
	seq "$jobs" | xargs -P 2 -I{} sh -c "$1" >/dev/null 2>&1
	end=$(date +%s.%N)
	echo "$jobs / ($end - $start)" | bc -l
}
pool=() cold=() node=()
for r in $(seq "$rounds"); do
	echo "bench-jobs: round $r/$rounds" >&2
	p=$(cd jail && "$work/jail.test" -test.run '^$' -test.bench 'BenchmarkPoolJobs$' -test.benchtime "${jobs}x" | awk '/jobs\/s/ {for (i = 1; i <= NF; i++) if ($(i+1) == "jobs/s") print $i}')
	pool+=("$p")
	cold+=("$(rate "$work/seccanvas run --headless --size 64x64 --violation-log - --out $work/c{}.png $work/rect.js")")
	if [ $node_ok = 1 ]; then
		node+=("$(rate "node $work/rect.cjs $work/n{}.png")")
	fi
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
echo "| runner | jobs/s (median of $rounds rounds, $jobs jobs, 2 at a time) |"
echo "|---|---:|"
printf '| seccanvas, warm pool of 2 | %.1f |\n' "$(median "${pool[@]}")"
printf '| seccanvas run per job (cold jail) | %.1f |\n' "$(median "${cold[@]}")"
if [ $node_ok = 1 ]; then
	printf '| node + @napi-rs/canvas per job | %.1f |\n' "$(median "${node[@]}")"
else
	echo "| node + @napi-rs/canvas per job | (node or npm missing) |"
fi
