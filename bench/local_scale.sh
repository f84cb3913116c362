#!/usr/bin/env bash
# Large-cluster benchmark of dcos-local: how long `dcos-local --scale N` (N apps, 3N simulated
# tasks) takes until it prints its URL, and the size, median time (hyperfine) and the
# emulator's peak memory for /v2/apps, /v2/tasks and /mesos/master/state.
# Usage: bench/local_scale.sh [build-dir] [apps] [runs]
set -euo pipefail

build=${1:-build}
apps=${2:-10000}
runs=${3:-10}
local_bin="$(cd "$build" && pwd)/dcos-local"
[ -x "$local_bin" ] || { echo "bench: $local_bin not found; run 'make build' first" >&2; exit 1; }
for tool in hyperfine curl; do
  command -v "$tool" >/dev/null || { echo "bench: $tool missing; run ./scripts/setup.sh" >&2; exit 1; }
done

work=$(mktemp -d)
out="$work/url"
start=$(date +%s%N)
"$local_bin" -q --port 0 --scale "$apps" --work-dir "$work/cluster" >"$out" &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$work"' EXIT
until [ -s "$out" ]; do
  kill -0 "$pid" 2>/dev/null || { echo "bench: dcos-local exited" >&2; exit 1; }
  sleep 0.01
done
ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
url=$(head -n 1 "$out")

echo "dcos-local --scale $apps: ready (URL printed) after $ready_ms ms"
echo
echo "| endpoint | response size | median time |"
echo "| --- | --- | --- |"
results="$work/results.json"
for path in /service/marathon/v2/apps /service/marathon/v2/tasks /mesos/master/state; do
  size=$(curl -s -o /dev/null -w '%{size_download}' "$url$path")
  hyperfine --shell=none --warmup 1 --runs "$runs" --export-json "$results" \
    "curl -s -o /dev/null $url$path" >/dev/null 2>&1
  median=$(grep -o '"median": [0-9.e-]*' "$results" | head -n 1 | awk '{printf "%.0f ms", $2 * 1000}')
  echo "| \`GET $path\` | $(awk -v b="$size" 'BEGIN { printf "%.1f MB", b / 1e6 }') | $median |"
done
echo
peak=$(awk '/VmHWM/ { printf "%.0f MB", $2 / 1024 }' "/proc/$pid/status")
echo "dcos-local peak RSS: $peak; runs per endpoint: $runs; machine: $(nproc) cores, $(date -u +%Y-%m-%d)"
