#!/usr/bin/env bash
# Runs the workloads of bench/skia/*.js in seccanvas (jailed, headless, no
# output, unpaced frames) and, when node and @napi-rs/canvas (Skia) are
# available, the same files in node; the runs are interleaved workload by
# workload and repetition by repetition, and every ratio is seccanvas/Skia of
# one pair of runs. Prints a Markdown table of medians (min–max of the
# ratios) and, with --tsv FILE, writes every sample.
#
#   scripts/bench-vs-skia.sh [--reps N] [--frames N] [--size WxH] [--only a,b] [--tsv FILE] [--bin PATH] [--baseline PATH] [--chart FILE.png]
#
# --chart FILE.png draws the ratios with seccanvas itself (bench/skia/_chart.js).
# --baseline runs a second seccanvas binary (an older build) in the same
# interleaved rounds and adds its ratio to Skia as a "before" column.
#
# @napi-rs/canvas is looked up in $SKIA_DIR (default $TMPDIR/seccanvas-skia)
# and installed there with npm when npm is available; it is never a
# dependency of seccanvas. Without node the table has seccanvas's column only.
set -euo pipefail
abs() { case "$1" in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; } # paths given relative to the caller

reps=7 frames=20 size=1920x1080 only="" tsv="" bin="" baseline="" chart=""
while [ $# -gt 0 ]; do
	case "$1" in
	--reps) reps=$2; shift 2 ;;
	--frames) frames=$2; shift 2 ;;
	--size) size=$2; shift 2 ;;
	--only) only=$2; shift 2 ;;
	--tsv) tsv=$(abs "$2"); shift 2 ;;
	--bin) bin=$(abs "$2"); shift 2 ;;
	--baseline) baseline=$(abs "$2"); shift 2 ;;
	--chart) chart=$(abs "$2"); shift 2 ;;
	-h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "bench-vs-skia: unknown argument $1 (see --help)" >&2; exit 2 ;;
	esac
done
cd "$(dirname "$0")/.."
w=${size%x*} h=${size#*x}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -z "$bin" ]; then
	# A cgo-linked binary cannot start jailed children.
	CGO_ENABLED=0 go build -o "$work/seccanvas" ./cmd/seccanvas
	bin=$work/seccanvas
fi

skia=${SKIA_DIR:-${TMPDIR:-/tmp}/seccanvas-skia}
node_ok=0
if command -v node >/dev/null 2>&1; then
	if [ ! -d "$skia/node_modules/@napi-rs/canvas" ] && command -v npm >/dev/null 2>&1; then
		echo "bench-vs-skia: installing @napi-rs/canvas into $skia" >&2
		mkdir -p "$skia"
		npm install --silent --no-audit --no-fund --prefix "$skia" @napi-rs/canvas >&2 || true
	fi
	[ -d "$skia/node_modules/@napi-rs/canvas" ] && node_ok=1
fi
[ $node_ok = 1 ] || echo "bench-vs-skia: node or @napi-rs/canvas missing: seccanvas only" >&2

workloads=()
for f in bench/skia/[a-z]*.js; do
	n=$(basename "$f" .js)
	if [ -z "$only" ] || [[ ",$only," == *",$n,"* ]]; then workloads+=("$n"); fi
done

# One seccanvas script per workload: sizes, prelude, workload, harness.
for n in "${workloads[@]}"; do
	{
		echo "const W = canvas.width, H = canvas.height, WARMUP = 3, FRAMES = $frames;"
		echo "function makeCanvas(w, h) { return new OffscreenCanvas(w, h); }"
		cat bench/skia/_prelude.js "bench/skia/$n.js" bench/skia/_seccanvas.js
	} >"$work/$n.js"
done

sample() { # engine workload → ms per frame on stdout
	local out b=$bin
	[ "$1" = baseline ] && b=$baseline
	if [ "$1" != skia ]; then
		# putimage's setup fills 8 MB in JavaScript: more than the default
		# 5 s task budget when other builds load the machine.
		out=$("$b" run --headless --unpaced --size "$size" --timeout 300s --task-budget 120s "$work/$2.js" 2>"$work/err") || {
			echo "bench-vs-skia: $1 $2 failed: $(tail -3 "$work/err")" >&2
			return 1
		}
	else
		out=$(NODE_PATH="$skia/node_modules" node bench/skia/_node.js "bench/skia/$2.js" "$frames" "$w" "$h")
	fi
	sed -n 's/^BENCH //p' <<<"$out"
}

samples=$work/samples.tsv
: >"$samples"
total=$((reps * ${#workloads[@]}))
k=0
for ((r = 1; r <= reps; r++)); do
	for n in "${workloads[@]}"; do
		k=$((k + 1))
		printf '\rbench-vs-skia: %d/%d %-10s' "$k" "$total" "$n" >&2
		# Alternate which engine goes first, so neither always runs on a
		# machine warmed (or loaded) by the other.
		engines=(seccanvas skia baseline)
		[ $((r % 2)) = 0 ] && engines=(baseline skia seccanvas)
		for e in "${engines[@]}"; do
			[ "$e" = skia ] && [ $node_ok = 0 ] && continue
			[ "$e" = baseline ] && [ -z "$baseline" ] && continue
			ms=$(sample "$e" "$n")
			printf '%d\t%s\t%s\t%s\n' "$r" "$n" "$e" "$ms" >>"$samples"
		done
	done
done
echo >&2
[ -n "$tsv" ] && cp "$samples" "$tsv"

echo "Canvas $size, $frames frames per run after 3 warm-up frames, $reps interleaved repetitions; ms/frame median (min–max)."
echo
before=""
[ -n "$baseline" ] && [ $node_ok = 1 ] && before=" before: baseline/Skia |"
if [ $node_ok = 1 ]; then
	echo "| workload | seccanvas (jailed) | Skia (@napi-rs/canvas) |$before ratio seccanvas/Skia, paired median (min–max) |"
	echo "|---|---:|---:|${before:+---:|}---:|"
else
	echo "| workload | seccanvas (jailed) |"
	echo "|---|---:|"
fi
med() { sort -g | awk '{v[NR]=$1} END {if (NR%2) m=v[(NR+1)/2]; else m=(v[NR/2]+v[NR/2+1])/2; printf "%.3g (%.3g–%.3g)", m, v[1], v[NR]}'; }
ratio() { # engine workload → paired ratios engine/skia
	awk -v n="$2" -v e="$1" '$2==n {v[$1 FS $3]=$4; reps[$1]=1} END {for (r in reps) if (v[r FS "skia"] > 0 && v[r FS e] != "") print v[r FS e] / v[r FS "skia"]}' "$samples"
}
for n in "${workloads[@]}"; do
	s=$(awk -v n="$n" '$2==n && $3=="seccanvas" {print $4}' "$samples" | med)
	if [ $node_ok = 1 ]; then
		k=$(awk -v n="$n" '$2==n && $3=="skia" {print $4}' "$samples" | med)
		b=""
		[ -n "$before" ] && b=" ×$(ratio baseline "$n" | med) |"
		echo "| $n | $s | $k |$b ×$(ratio seccanvas "$n" | med) |"
	else
		echo "| $n | $s |"
	fi
done

if [ -n "$chart" ] && [ $node_ok = 1 ]; then
	mid() { sort -g | awk '{v[NR]=$1} END {if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }
	{
		echo "const DATA = ["
		for n in "${workloads[@]}"; do
			b=null
			[ -n "$baseline" ] && b=$(ratio baseline "$n" | mid)
			echo "  {name: '$n', before: $b, after: $(ratio seccanvas "$n" | mid)},"
		done
		echo "];"
		cat bench/skia/_chart.js
	} >"$work/chart.js"
	"$bin" run --headless --size 640x$((60 + 30 * ${#workloads[@]})) --out "$chart" "$work/chart.js"
fi
